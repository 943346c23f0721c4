// E-mail notices to appellants through the real app: the steps publish appeals.changed in their
// transactions, the notifier writes one notice per event (recipient and body sealed), the sender
// sends it — into the demo mailbox in demo mode, through an SMTP server when SMTP_URL is set, tried
// again with backoff when the server is away or refuses — and /demo/mailbox shows the demo's
// notices to this computer and to federal admins only.
import { createServer, type AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../platform/access/principal.ts';
import { loadConfig } from '../platform/config.ts';
import { createLogger, type Logger } from '../platform/logger.ts';
import { PASSWORD, startApp, type TestApp } from '../../test/support/app.ts';
import { Client } from '../../test/support/http-client.ts';
import { testEnv } from '../../test/support/test-env.ts';
import type { MailRow } from './mail-queries.ts';
import { rejectReasons } from './reject-reasons.ts';

const publicUrl = loadConfig(testEnv).publicUrl;

const volunteer = (extra: Record<string, unknown> = {}) => ({
  type: 'volunteer',
  region: '77',
  name: 'Иванова Мария Петровна',
  phone: '+7 916 123-45-67',
  email: 'maria.ivanova@example.ru',
  text: 'Хочу помогать пожилым людям в своём районе по выходным.',
  consent: true,
  values: { birth_date: '1990-05-17', directions: ['Помощь пожилым'], availability: 'В выходные' },
  ...extra,
});

/** A logger at debug level (the most the app ever writes) whose lines a test reads. */
function capturedLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger({ level: 'debug', format: 'json' }, stream), lines };
}

async function started(app: TestApp): Promise<TestApp> {
  await app.services.appealsCatalog.loadDemo(systemActor());
  return app;
}

/** Helpers over one app: filing, the notices of an appeal, opening them, a pass of the bus and the sender. */
function helpers(app: () => TestApp) {
  return {
    file: async (extra: Record<string, unknown> = {}) => {
      const r = await app().client().post('/api/v1/appeals', volunteer(extra));
      expect(r.status, r.text).toBe(201);
      return r.body as { number: string; code: string; answerBy: string };
    },
    mails: async (number: string) => (await app().db.query<MailRow>("SELECT * FROM ap_mail WHERE appeal_number = $1 AND audience = 'citizen' ORDER BY id", [number])).rows,
    organisationMails: async (number: string) => (await app().db.query<MailRow>("SELECT * FROM ap_mail WHERE appeal_number = $1 AND audience = 'organisation' ORDER BY id", [number])).rows,
    open: async (m: MailRow) => ({
      to: (await app().services.vault.open(m.recipient, `appeal-mail:${m.id}:to`)).toString('utf8'),
      text: (await app().services.vault.open(m.body, `appeal-mail:${m.id}:body`)).toString('utf8'),
    }),
    /** Events delivered (the notifier writes), then one sending pass. */
    settle: async () => {
      await app().services.events.drain();
      await app().services.appealMail.tick();
    },
  };
}

describe('e-mail notices in demo mode (the demo mailbox)', () => {
  let app: TestApp;
  let admin: Client & { username: string };
  let now = Date.parse('2026-03-10T09:00:00Z');
  const clock = () => new Date(now);
  const { logger, lines } = capturedLogger();
  const { file, mails, organisationMails, open, settle } = helpers(() => app);
  async function officer(organisation: string) {
    const c = await app.as('agency_officer', '77');
    expect((await admin.put(`/api/v1/appeal-officers/${c.userId}`, { organisation })).status).toBe(204);
    return c;
  }
  const act = async (o: Client, number: string, body: Record<string, unknown>) => {
    const r = await o.post(`/api/v1/appeals/${number}/actions`, body);
    expect(r.status, r.text).toBe(204);
  };
  /** Every address and text written to the app in these tests: none may reach the logs. */
  const personal: string[] = [];

  beforeAll(async () => {
    // (the test client's X-Forwarded-For is believed from 127.0.0.1: requests "from elsewhere")
    app = await started(await startApp({ trustProxy: { addresses: ['127.0.0.1'] } }, { clock, acd: false, demo: true, logger }));
    admin = await app.as('admin', 'federal');
  });
  afterAll(() => app.close());

  it('registration: one notice to the appellant’s address, saying where to read the status and by when the answer is due, never the code', async () => {
    personal.push('registered.reader@example.ru');
    const f = await file({ email: 'registered.reader@example.ru' });
    await settle();
    const [m, ...more] = await mails(f.number);
    expect(more).toEqual([]);
    expect(m).toMatchObject({ kind: 'registered', transport: 'demo', attempts: 1, last_error: null, subject: `Ваше обращение № ${f.number} зарегистрировано` });
    expect(m!.sent_at).not.toBeNull();
    const { to, text } = await open(m!);
    expect(to).toBe('registered.reader@example.ru');
    expect(text).toContain(`№ ${f.number} («Запись в добровольцы») зарегистрировано`);
    expect(text).toContain('Ответ будет дан не позднее 9 апреля 2026 г.');
    expect(text).toContain(`${publicUrl}/appeals/status`);
    expect(text).toMatch(/по номеру обращения и коду, который вам показали или назвали при подаче/);
    expect(text).not.toContain(f.code);
  });

  it('no e-mail address, no notice (the event is published all the same)', async () => {
    const f = await file({ email: '', address: 'г. Москва, ул. Тверская, д. 1, кв. 1', text: 'Готов помогать по выходным в парке.' });
    await settle();
    expect(await mails(f.number)).toEqual([]);
    const events = await app.db.query("SELECT payload FROM events WHERE topic = 'appeals.changed' AND payload->>'number' = $1", [f.number]);
    expect(events.rows.map((r) => r.payload)).toEqual([{ number: f.number, step: 'registered', organisation: 'volunteers-77', answerBy: f.answerBy }]);
  });

  it('an answer: the answer’s text, with the portal’s status page; taking it and an internal comment write nothing', async () => {
    personal.push('answered.reader@example.ru', 'Ждём вас в субботу в 10:00 у входа в парк Сокольники.');
    const f = await file({ email: 'answered.reader@example.ru', text: 'Хочу помогать в парке по субботам.' });
    const o = await officer('volunteers-77');
    await act(o, f.number, { action: 'take' });
    await act(o, f.number, { action: 'comment', text: 'Позвонить после 18:00', visibility: 'internal' });
    await act(o, f.number, { action: 'answer', text: 'Ждём вас в субботу в 10:00 у входа в парк Сокольники.' });
    await settle();
    const list = await mails(f.number);
    expect(list.map((m) => m.kind)).toEqual(['registered', 'answered']);
    const answered = list[1]!;
    expect(answered).toMatchObject({ subject: `Ответ на ваше обращение № ${f.number}`, transport: 'demo' });
    const { to, text } = await open(answered);
    expect(to).toBe('answered.reader@example.ru');
    expect(text).toContain('Ждём вас в субботу в 10:00 у входа в парк Сокольники.');
    expect(text).toContain('Отвечает: Региональный центр добровольчества');
    expect(text).toContain(`${publicUrl}/appeals/status`);
    expect(text).not.toContain('Позвонить после 18:00');
  });

  it('an extension (its new date and reason), a message, a redirect (the new organisation), a rejection (its ground): each told', async () => {
    personal.push('steps.reader@example.ru');
    const f = await file({ email: 'steps.reader@example.ru', text: 'Хочу помогать в библиотеке.' });
    const o = await officer('volunteers-77');
    await act(o, f.number, { action: 'extend', days: 30, reason: 'Нужен ответ библиотеки о графике.' });
    await act(o, f.number, { action: 'comment', text: 'Пришлите, пожалуйста, удобные вам дни недели.', visibility: 'citizen' });
    await act(o, f.number, { action: 'redirect', organisation: 'sfr-77', note: 'не наш вопрос' });
    const sfr = await officer('sfr-77');
    await act(sfr, f.number, { action: 'reject', reason: 'unclear' });
    await settle();
    const list = await mails(f.number);
    expect(list.map((m) => m.kind)).toEqual(['registered', 'extended', 'message', 'redirected', 'rejected']);
    const [, extended, message, redirected, rejected] = await Promise.all(list.map(open));
    expect(list[1]!.subject).toBe(`Срок рассмотрения обращения № ${f.number} продлён`);
    expect(extended!.text).toContain('продлён до 9 мая 2026 г. (часть 2 статьи 12');
    expect(extended!.text).toContain('Причина: Нужен ответ библиотеки о графике.');
    expect(message!.text).toContain('Пришлите, пожалуйста, удобные вам дни недели.');
    const sfrName = (await app.services.appealsCatalog.organisationByCode('sfr-77'))!.name;
    expect(redirected!.text).toContain(`Теперь рассматривает: ${sfrName}`);
    expect(redirected!.text).not.toContain('не наш вопрос');
    expect(rejected!.text).toContain(rejectReasons.unclear);
    expect(list[4]!.subject).toBe(`Обращение № ${f.number} оставлено без ответа по существу`);
  });

  it('an organisation with an address is told of each appeal routed or redirected to it: number, type, due date, where to work it; no personal data', async () => {
    personal.push('org.reader@example.ru', 'Могу помогать в приюте для животных.');
    const withAddress = async (code: string, email: string | null) => {
      const org = (await app.services.appealsCatalog.organisationByCode(code))!;
      const r = await admin.put(`/api/v1/organisations/${code}`, { name: org.name, region: org.region, email });
      expect(r.status, r.text).toBe(200);
    };
    // (the demo's organisations have addresses: {code}@agency.example)
    try {
      const f = await file({ email: 'org.reader@example.ru', text: 'Могу помогать в приюте для животных.' });
      const o = await officer('volunteers-77');
      await act(o, f.number, { action: 'take' });
      await act(o, f.number, { action: 'redirect', organisation: 'sfr-77' });
      await settle();
      const list = await organisationMails(f.number);
      expect(list.map((m) => [m.kind, m.transport])).toEqual([
        ['registered', 'demo'],
        ['redirected', 'demo'],
      ]);
      const [registered, redirected] = await Promise.all(list.map(open));
      expect(registered!.to).toBe('volunteers-77@agency.example');
      expect(list[0]!.subject).toBe(`Новое обращение № ${f.number} («Запись в добровольцы»)`);
      expect(registered!.text).toContain('Ответ заявителю — не позднее 9 апреля 2026 г.');
      expect(registered!.text).toContain(`${publicUrl}/agency`);
      expect(redirected!.to).toBe('sfr-77@agency.example');
      expect(redirected!.text).toContain('передано вам по компетенции');
      for (const m of [registered!, redirected!]) for (const secret of ['org.reader@example.ru', 'Иванова', 'приюте', '916']) expect(m.text).not.toContain(secret);
      // the appellant's own notices are as before
      expect((await mails(f.number)).map((m) => m.kind)).toEqual(['registered', 'redirected']);
      // an organisation without an address: nothing for it
      await withAddress('volunteers-77', null);
      const quiet = await file({ email: 'org.reader@example.ru', text: 'Могу помогать в библиотеке по средам.' });
      await settle();
      expect(await organisationMails(quiet.number)).toEqual([]);
    } finally {
      await withAddress('volunteers-77', 'volunteers-77@agency.example');
    }
  });

  it('an event delivered again, or read again from the outbox (the cursor set back), is written once and sent once', async () => {
    personal.push('twice.reader@example.ru');
    const f = await file({ email: 'twice.reader@example.ru', text: 'Могу развозить продукты на своей машине.' });
    await settle();
    const [first] = await mails(f.number);
    expect(first).toMatchObject({ attempts: 1, transport: 'demo' });
    // the bus delivering it again only wakes the notifier: its cursor has passed the event
    await app.services.appealMail.catchUp();
    // every event read again, as after a cursor lost: the notices written are not written again
    await app.db.query("UPDATE ap_mail_cursor SET txid = '0'::xid8, event_id = 0");
    await settle();
    const [again, ...none] = await mails(f.number);
    expect(none).toEqual([]);
    expect(again).toMatchObject({ id: first!.id, attempts: 1 });
    expect(again!.sent_at).toEqual(first!.sent_at);
    expect((await app.db.query<{ n: string }>('SELECT count(*) AS n FROM ap_mail GROUP BY event_id, audience HAVING count(*) > 1')).rows).toEqual([]);
  });

  it('the address and the body are stored sealed, each bound to its row and field; the subject names the number only', async () => {
    personal.push('sealed.reader@example.ru', 'Ответ с секретными подробностями для проверки.');
    const f = await file({ email: 'sealed.reader@example.ru', name: 'Запечатанная Анна', text: 'Хочу помогать в приюте для животных.' });
    const o = await officer('volunteers-77');
    await act(o, f.number, { action: 'answer', text: 'Ответ с секретными подробностями для проверки.' });
    await settle();
    const rows = await mails(f.number);
    const dump = (await app.db.query<{ row: string }>('SELECT ap_mail::text AS row FROM ap_mail WHERE appeal_number = $1', [f.number])).rows.map((r) => r.row).join('\n');
    for (const plain of ['sealed.reader@example.ru', 'Запечатанная', 'Ответ с секретными']) {
      expect(dump).not.toContain(plain);
      for (const m of rows) {
        expect(m.recipient.includes(Buffer.from(plain))).toBe(false);
        expect(m.body.includes(Buffer.from(plain))).toBe(false);
      }
    }
    const [a, b] = rows;
    // (moved to another row or field, a value does not open)
    await expect(app.services.vault.open(a!.recipient, `appeal-mail:${b!.id}:to`)).rejects.toThrow();
    await expect(app.services.vault.open(a!.recipient, `appeal-mail:${a!.id}:body`)).rejects.toThrow();
  });

  it('/demo/mailbox: this computer reads the notices, newest first; elsewhere refused, except a signed-in federal admin; the reading audited', async () => {
    personal.push('mailbox.reader@example.ru');
    const f = await file({ email: 'mailbox.reader@example.ru', text: 'Хочу помогать на донорских акциях.' });
    now += 60_000;
    const o = await officer('volunteers-77');
    await act(o, f.number, { action: 'answer', text: 'Ждём вас на донорской акции 1 апреля.' });
    await settle();
    const r = await app.client().get('/demo/mailbox');
    expect(r.status, r.text).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/html/);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.text).toContain('mailbox.reader@example.ru');
    expect(r.text).toContain('Ждём вас на донорской акции 1 апреля.');
    expect(r.text).toMatch(/только с этого компьютера/);
    // newest first: the answer before the registration
    const answer = r.text.indexOf(`Ответ на ваше обращение № ${f.number}`);
    const registered = r.text.indexOf(`Ваше обращение № ${f.number} зарегистрировано`);
    expect(answer).toBeGreaterThan(-1);
    expect(registered).toBeGreaterThan(answer);

    const far = await app.client('203.0.113.7').get('/demo/mailbox');
    expect(far.status).toBe(403);
    expect(far.text).not.toContain('@example.ru');
    const regionalAdmin = await app.user('admin', '77');
    for (const [who, expected] of [
      [admin.username, 200],
      [regionalAdmin.username, 403],
    ] as const) {
      const c = await new Client(app.url, { 'x-forwarded-for': '203.0.113.7' }).login(who, PASSWORD);
      const seen = await c.get('/demo/mailbox');
      expect(seen.status, who).toBe(expected);
      expect(seen.text.includes('mailbox.reader@example.ru'), who).toBe(expected === 200);
    }
    const audit = await admin.get('/api/v1/audit?action=appeal.read_mailbox');
    expect(audit.body.items.length).toBeGreaterThanOrEqual(2);

    const doc = (await app.client().get('/api/openapi.json')).body as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/demo'))).toEqual([]);
  });

  it('an appeal anonymised by the retention command: its notices are removed within the hour, and no new one is written', async () => {
    personal.push('forgotten.reader@example.ru');
    const f = await file({ email: 'forgotten.reader@example.ru', text: 'Хочу помогать в детском лагере.' });
    await settle();
    expect(await mails(f.number)).toHaveLength(1);
    // (as otvet appeals retention leaves it)
    await app.db.query("UPDATE ap_appeals SET sealed = '\\x'::bytea, notify = false, anonymised_at = $2 WHERE number = $1", [f.number, clock()]);
    now += 3600_000;
    await app.services.appealMail.tick();
    expect(await mails(f.number)).toEqual([]);
    await app.db.query("UPDATE ap_mail_cursor SET txid = '0'::xid8, event_id = 0");
    await settle();
    expect(await mails(f.number)).toEqual([]);
  });

  it('the logs carry no address and no text of a notice', () => {
    const log = lines.join('');
    for (const p of personal) expect(log, p).not.toContain(p);
  });
});

describe('e-mail notices outside demo mode', () => {
  it('without SMTP_URL: nothing is written (no personal data kept for nobody), and /demo/mailbox is a 404', async () => {
    const app = await started(await startApp({}, { acd: false, clock: () => new Date('2027-03-10T09:00:00Z') }));
    try {
      const { file, settle } = helpers(() => app);
      expect(app.services.appealMail.mode).toBe('off');
      await file({ email: 'nobody.reads@example.ru' });
      await settle();
      expect((await app.db.query('SELECT id FROM ap_mail')).rows).toEqual([]);
      expect((await app.client().get('/demo/mailbox')).status).toBe(404);
    } finally {
      await app.close();
    }
  });
});

describe('e-mail notices through an SMTP server (SMTP_URL)', () => {
  let app: TestApp;
  let server: SMTPServer | undefined;
  let port: number;
  let now = Date.parse('2028-03-10T09:00:00Z');
  const clock = () => new Date(now);
  const { logger, lines } = capturedLogger();
  const { file, mails, settle } = helpers(() => app);
  /** What the server answers to RCPT TO next: null takes it. */
  let refuse: { code: number; message: string } | null = null;
  const received: { from: string; to: string[]; data: string }[] = [];

  beforeAll(async () => {
    // a port nothing listens on yet: the server comes up later in a test
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    app = await started(
      await startApp({ mail: { smtpUrl: `smtp://otvet:s3cret-pass@127.0.0.1:${port}`, from: 'Горячая линия 122 <noreply@122.example.ru>' } }, { clock, acd: false, demo: true, logger }),
    );
  });
  afterAll(async () => {
    await app.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  function listen(): Promise<void> {
    server = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      logger: false,
      onAuth(auth, _session, done) {
        if (auth.username === 'otvet' && auth.password === 's3cret-pass') done(null, { user: 'otvet' });
        else done(new Error('Invalid username or password'));
      },
      onRcptTo(address, _session, done) {
        if (!refuse) return done();
        const err = Object.assign(new Error(`<${address.address}>: ${refuse.message}`), { responseCode: refuse.code });
        done(err);
      },
      onData(stream, session, done) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), data: Buffer.concat(chunks).toString('utf8') });
          done();
        });
      },
    });
    return new Promise((resolve, reject) => {
      server!.once('error', reject);
      server!.listen(port, '127.0.0.1', () => resolve());
    });
  }

  it('with SMTP configured, /demo/mailbox is a 404 even in demo mode', async () => {
    expect(app.services.appealMail.mode).toBe('smtp');
    expect((await app.client().get('/demo/mailbox')).status).toBe(404);
  });

  it('the server away, then refusing for now: tried again with backoff, the error kept without the address; then sent', async () => {
    const f = await file({ email: 'smtp.reader@example.ru' });
    await settle();
    let [m] = await mails(f.number);
    expect(m).toMatchObject({ attempts: 1, sent_at: null, failed_at: null, transport: null });
    expect(m!.last_error).toMatch(/ECONNREFUSED|ECONNECTION|ESOCKET/);
    expect(m!.next_attempt_at.getTime()).toBe(now + 30_000);
    // not due yet: nothing tried
    await app.services.appealMail.tick();
    expect((await mails(f.number))[0]!.attempts).toBe(1);

    await listen();
    refuse = { code: 450, message: 'mailbox busy, try later' };
    now += 31_000;
    await app.services.appealMail.tick();
    [m] = await mails(f.number);
    expect(m).toMatchObject({ attempts: 2, sent_at: null, failed_at: null });
    expect(m!.last_error).toMatch(/450/);
    expect(m!.last_error).toContain('[address]');
    expect(m!.last_error).not.toContain('smtp.reader');
    expect(m!.next_attempt_at.getTime()).toBe(now + 60_000);

    refuse = null;
    now += 61_000;
    await app.services.appealMail.tick();
    [m] = await mails(f.number);
    expect(m).toMatchObject({ attempts: 3, transport: 'smtp', last_error: null, failed_at: null });
    expect(m!.sent_at).not.toBeNull();
    // (the organisation's notice of the same registration went too: the demo's have addresses)
    expect(received.map((r) => r.to)).toEqual(expect.arrayContaining([['smtp.reader@example.ru'], ['volunteers-77@agency.example']]));
    const mine = received.filter((r) => r.to.includes('smtp.reader@example.ru'));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ from: 'noreply@122.example.ru', to: ['smtp.reader@example.ru'] });
    const data = mine[0]!.data;
    expect(data).toMatch(/^Auto-Submitted: auto-generated\r?$/m);
    expect(data).toMatch(new RegExp(`^X-Otvet-Appeal: ${f.number}\\r?$`, 'm'));
    expect(data).toMatch(/multipart\/alternative/);
    expect(data).toMatch(/text\/plain; charset=utf-8/);
    expect(data).toMatch(/text\/html; charset=utf-8/);
  });

  it('refused for good (5xx): given up at once, the reason kept', async () => {
    refuse = { code: 550, message: 'no such mailbox' };
    const f = await file({ email: 'gone.reader@example.ru', text: 'Хочу помогать на субботниках.' });
    await settle();
    const [m] = await mails(f.number);
    expect(m).toMatchObject({ attempts: 1, sent_at: null });
    expect(m!.failed_at).not.toBeNull();
    expect(m!.last_error).toMatch(/550/);
    expect(m!.last_error).not.toContain('gone.reader');
    now += 3600_000;
    await app.services.appealMail.tick();
    expect((await mails(f.number))[0]!.attempts).toBe(1);
    refuse = null;
  });

  it('the logs carry no address and no SMTP password', () => {
    const log = lines.join('');
    expect(log).toMatch(/notice not sent/);
    for (const p of ['smtp.reader@example.ru', 'gone.reader@example.ru', 's3cret-pass']) expect(log, p).not.toContain(p);
  });
});
