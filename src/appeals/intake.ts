// Filing an appeal, whichever way it comes (the portal's form, an operator during a call, the API,
// Open311): checked against its type, routed to the organisation that answers it in the region,
// registered with a number and a secret status code, its deadlines set in that organisation's time
// zone, its personal part sealed. The same person filing the same text of the same type again
// within a day gets the first appeal's number, not a second appeal.
import { createHmac, randomInt } from 'node:crypto';
import type { Db, Queryable } from '../platform/db/database.ts';
import { badRequest, notFound } from '../platform/errors.ts';
import { checkSubmission, maskAppellant, type Appellant, type CleanSubmission, type RawSubmission } from './appeal-form.ts';
import type { Organisation } from './types-schema.ts';
import type { AppealsCatalog } from './catalog.ts';
import { dueDates, localDate, type DueDates } from './deadlines.ts';
import * as q from './appeals-queries.ts';
import type { Sealer } from './sealer.ts';
import { checkFiles, storeFiles, type CheckedFile, type IncomingFile } from './attachments.ts';
import { appealsTopics } from './events.ts';

export type Channel = q.AppealRow['channel'];

export interface Filing {
  type: string;
  region: string;
  channel: Channel;
  submission: RawSubmission;
  /** Files the citizen attaches (checked by their content: images and PDF). */
  files?: IncomingFile[];
  /** The call it is taken during (operator channel). */
  callId?: string | null;
  /** Who registered it (an operator), for the history. */
  actorId?: number | null;
}

export interface Filed {
  number: string;
  /** The secret code the citizen reads the status with: shown once (null for a duplicate: they have it). */
  code: string | null;
  duplicate: boolean;
  status: q.AppealStatus;
  organisation: { code: string; name: string };
  answerBy: string;
}

/** Status codes: 8 characters without look-alikes (0/O, 1/I/L), easy to dictate over the phone. */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const DUPLICATE_WINDOW_MS = 24 * 3600_000;
/**
 * How long the same appeal sent again is answered with its code once more: a citizen whose page
 * did not load after sending (a weak connection, a double click) sends again and must not lose it.
 */
export const CODE_RESEND_MS = 15 * 60_000;

export function newStatusCode(): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return s;
}

/** The keyed hash a status code is kept as, bound to its appeal's row (case and spaces as people type them do not matter). */
export function codeHash(key: Buffer, appealId: string, code: string): Buffer {
  return createHmac('sha256', key)
    .update(`appeal-code\0${appealId}\0${code.replace(/[\s-]/g, '').toUpperCase()}`)
    .digest();
}

/** The appeal's sealed part is bound to its row: copied onto another appeal, it does not open. */
export const sealContext = (appealId: string) => `appeal:${appealId}`;
const codeContext = (appealId: string) => `${sealContext(appealId)}:code`;

export class AppealIntake {
  /** Years whose number sequence this database is known to have. */
  private readonly numbered = new Set<number>();
  private forgotAt = 0;

  constructor(
    private readonly db: Db,
    private readonly catalog: AppealsCatalog,
    private readonly sealer: Sealer,
    private readonly key: Buffer,
    /** A region's time zone (a federal organisation's: Moscow's). */
    private readonly timezoneOf: (region: string) => Promise<string>,
    private readonly regionExists: (region: string) => Promise<boolean>,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private async zoneOf(org: { timezone: string | null; region: string | null }): Promise<string> {
    return org.timezone ?? (await this.timezoneOf(org.region ?? '77'));
  }

  async file(f: Filing): Promise<Filed> {
    const type = await this.catalog.type(f.type);
    if (!type || !type.active) throw notFound('appeal_type.not_found', `There is no appeal type "${f.type}".`);
    if (!(await this.regionExists(f.region))) throw badRequest('appeal.bad_region', `There is no region "${f.region}".`, { errors: [{ path: 'region', message: 'Выберите регион.' }] });
    const org = await this.catalog.route(type.code, f.region);
    if (!org) throw notFound('appeal.no_organisation', `Nobody answers "${type.name}" in region ${f.region} yet: an administrator routes the type there.`);
    const now = this.clock();
    const zone = await this.zoneOf(org);
    const today = localDate(now, await this.timezoneOf(f.region));
    const checked = checkSubmission(type, f.submission, today, (f.files ?? []).length);
    const files = await checkFiles(f.files ?? []);
    const problems = [...(checked.ok ? [] : checked.problems), ...(files.ok ? [] : files.problems)];
    if (!checked.ok || !files.ok) {
      throw badRequest('appeal.invalid', `The appeal is not complete: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, { errors: problems });
    }
    const { appellant, text, values } = checked.value;
    const person = (appellant.email ?? appellant.phone ?? appellant.name).toLowerCase();
    const dedupe = createHmac('sha256', this.key)
      .update(`appeal-dedupe\0${type.code}\0${person}\0${text.replace(/\s+/g, ' ').toLowerCase()}`)
      .digest();
    const due = dueDates(now, now, type.deadlines, zone);
    const year = Number(localDate(now, zone).slice(0, 4));
    await this.forgetOldCodes(now);
    if (!this.numbered.has(year)) {
      await q.ensureYearSequence(this.db, year);
      this.numbered.add(year);
    }
    return this.db
      .transaction(async (tx) => {
        // Two identical filings at once (a double click) wait for each other here, and only they.
        const id = await q.lockDedupeAndReserveId(tx, dedupe);
        const existing = await q.findDuplicate(tx, dedupe, new Date(now.getTime() - DUPLICATE_WINDOW_MS));
        if (existing) throw new Duplicate(existing);
        return this.insert(tx, year, id, { f, org, now, due, dedupe, appellant, text, values, consentText: type.consentText, files: files.files });
      })
      .catch(async (err: unknown) => {
        if (!(err instanceof Duplicate)) throw err;
        const a = (await q.appealByNumber(this.db, err.number))!;
        const o = (await this.catalog.organisation(a.organisation_id)) ?? org;
        const recent = a.code_sealed && now.getTime() - a.received_at.getTime() < CODE_RESEND_MS;
        const code = recent ? (await this.sealer.open(a.code_sealed!, codeContext(a.id))).toString('utf8') : null;
        return { number: a.number, code, duplicate: true, status: a.status, organisation: { code: o.code, name: o.name }, answerBy: a.answer_by_date };
      });
  }

  /** At most once a minute: sealed codes older than the resend window are forgotten. */
  private async forgetOldCodes(now: Date): Promise<void> {
    if (now.getTime() - this.forgotAt < 60_000) return;
    this.forgotAt = now.getTime();
    await q.forgetSealedCodes(this.db, new Date(now.getTime() - CODE_RESEND_MS));
  }

  private async insert(
    tx: Queryable,
    year: number,
    id: string,
    x: {
      f: Filing;
      org: Organisation;
      now: Date;
      due: DueDates;
      dedupe: Buffer;
      appellant: Appellant;
      text: string;
      values: CleanSubmission['values'];
      consentText: string;
      files: CheckedFile[];
    },
  ): Promise<Filed> {
    const { f, org, now, due, dedupe, appellant, text, values } = x;
    // The row's id is reserved first: the sealed part and the code's hash are bound to it; the
    // number of the year comes with the insert (ADR 0017).
    const code = newStatusCode();
    const sealed = await this.sealer.seal(JSON.stringify({ ...appellant, text, values }), sealContext(id), tx);
    const number = await q.insertNumbered(
      tx,
      year,
      id,
      {
        type_code: f.type,
        region_code: f.region,
        organisation_id: org.id,
        channel: f.channel,
        status: 'registered',
        code_hash: codeHash(this.key, id, code),
        code_sealed: await this.sealer.seal(code, codeContext(id), tx),
        received_at: now,
        registered_at: now,
        forward_by: due.forwardBy.at,
        answer_by: due.answerBy.at,
        answer_by_date: due.answerBy.localDate,
        call_id: f.callId ?? null,
        sealed,
        masked: maskAppellant(appellant),
        dedupe_hash: dedupe,
        consent: { text: x.consentText, at: now.toISOString() },
        notify: appellant.email !== null,
      },
      {
        at: now,
        actor_id: f.actorId ?? null,
        action: 'registered',
        from_status: null,
        to_status: 'registered',
        details: { channel: f.channel, organisation: org.code, answerBy: due.answerBy.localDate, ...(f.callId ? { callId: f.callId } : {}) },
      },
    );
    await storeFiles(tx, this.sealer, sealContext(id), id, null, x.files);
    await appealsTopics.publish(tx, 'appeals.changed', { number, step: 'registered', organisation: org.code, answerBy: due.answerBy.localDate });
    return { number, code, duplicate: false, status: 'registered' as const, organisation: { code: org.code, name: org.name }, answerBy: due.answerBy.localDate };
  }
}

/** Thrown inside the filing's transaction to roll it back: the appeal exists already. */
class Duplicate extends Error {
  constructor(readonly number: string) {
    super(`duplicate of ${number}`);
  }
}
