// Open311 GeoReport v2 over appeals (docs/open311.md): the services (appeal types) and their
// definitions, the public view of appeals (no personal data: open311-queries.ts selects none), and a
// POST's form turned into a filing of channel 'open311' on behalf of the API key's account.
import { authorize } from '../platform/access/authorize.ts';
import { FEDERAL, type ActorContext, type Principal } from '../platform/access/principal.ts';
import type { Db } from '../platform/db/database.ts';
import { AppError } from '../platform/errors.ts';
import { count } from '../platform/text/russian.ts';
import type { AppealsCatalog } from './catalog.ts';
import type { Filing } from './intake.ts';
import {
  CONSENT_ATTRIBUTE,
  CONSENT_GIVEN,
  definitionOf,
  open311Error,
  Open311Error,
  REGION_ATTRIBUTE,
  requestOf,
  serviceOf,
  statusesOf,
  type DefinitionRecord,
  type RequestRecord,
  type ServiceRecord,
} from './open311-format.ts';
import { publicAppeals, type PublicAppeal } from './open311-queries.ts';
import type { AppealType } from './types-schema.ts';

/** Query or form parameters as parsed: a repeated one is a list. */
export type Params = Record<string, string | string[] | undefined>;

export const MAX_REQUESTS = 1000;
const WINDOW_DAYS = 90;
const DAY_MS = 86400_000;
/** GeoReport's limit of a request's description. */
export const DESCRIPTION_MAX = 4000;
const W3C_DATETIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:\d\d)$/;

/** A parameter given once (an empty one is as if not given); given twice, a 400. */
export function one(p: Params, name: string): string | undefined {
  const v = p[name];
  if (Array.isArray(v)) throw open311Error(400, `${name}: параметр указан ${count(v.length, ['раз', 'раза', 'раз'])}; нужен один.`);
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

const list = (v: string | undefined) => (v === undefined ? undefined : [...new Set(v.split(',').map((s) => s.trim()))].filter(Boolean));

function dateParam(p: Params, name: string): Date | undefined {
  const v = one(p, name);
  if (v === undefined) return undefined;
  const at = new Date(v);
  if (!W3C_DATETIME.test(v) || Number.isNaN(at.getTime())) throw open311Error(400, `${name}: «${v.slice(0, 40)}» — не дата и время W3C с часовым поясом, например 2026-03-01T00:00:00Z.`);
  return at;
}

/** Where a problem of the intake's (name, text, values.x, …) was said in the GeoReport form. */
function paramOf(path: string): string {
  if (path.startsWith('values.')) return `attribute[${path.slice('values.'.length)}]`;
  const named: Record<string, string> = {
    name: 'last_name/first_name',
    address: 'address_string',
    text: 'description',
    consent: `attribute[${CONSENT_ATTRIBUTE}]`,
    region: `attribute[${REGION_ATTRIBUTE}]`,
  };
  return named[path] ?? path;
}

/** The intake's refusal of a filing as GeoReport's error list, each naming its parameter. */
export function filingError(err: unknown): Open311Error | undefined {
  if (!(err instanceof AppError)) return undefined;
  if (err.code === 'appeal_type.not_found') return open311Error(404, 'service_code: такого вида обращения нет.');
  if (err.code === 'appeal.no_organisation') return open311Error(400, 'service_code: в этом регионе обращения этого вида пока никто не рассматривает.');
  const problems = err.extras.errors;
  if (err.status === 400 && problems?.length)
    return new Open311Error(
      400,
      problems.map((p) => ({ code: 400, description: `${paramOf(p.path)}: ${p.message}` })),
    );
  return undefined;
}

/** Who files: the API key's account, if its role (and the token's scope) registers appeals. */
function filer(ctx: ActorContext): Principal | null {
  try {
    return authorize(ctx, 'appeals.register');
  } catch {
    throw open311Error(403, 'api_key: этот ключ не даёт права подавать обращения (нужен ключ учётной записи с ролью operator или supervisor, с областью appeals.register или без ограничений).');
  }
}

export class Open311Service {
  constructor(
    private readonly db: Db,
    private readonly catalog: AppealsCatalog,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private async activeType(code: string): Promise<AppealType> {
    const t = await this.catalog.type(code);
    if (!t || !t.active) throw open311Error(404, `service_code: вида обращения «${code.slice(0, 63)}» нет.`);
    return t;
  }

  /** One service per appeal type citizens may file. */
  async services(): Promise<ServiceRecord[]> {
    return (await this.catalog.types()).map(serviceOf);
  }

  async definition(code: string, regions: { code: string; name: string }[]): Promise<DefinitionRecord> {
    return definitionOf(await this.activeType(code), regions);
  }

  private async records(rows: PublicAppeal[]): Promise<RequestRecord[]> {
    return Promise.all(rows.map(async (a) => requestOf(a, await this.catalog.type(a.type_code), await this.catalog.organisation(a.organisation_id))));
  }

  /**
   * GET requests: by number (a comma list, which overrides the rest), else by service, status and
   * registration time (at most 90 days; the last 90 by default), newest first, at most 1000.
   */
  async requests(q: Params): Promise<RequestRecord[]> {
    const numbers = list(one(q, 'service_request_id'));
    if (numbers) {
      if (numbers.length > MAX_REQUESTS) throw open311Error(400, `service_request_id: не больше ${MAX_REQUESTS} номеров за раз.`);
      return this.records(await publicAppeals(this.db, { numbers, limit: MAX_REQUESTS }));
    }
    const codes = list(one(q, 'service_code'));
    for (const c of codes ?? []) if (!(await this.catalog.type(c))) throw open311Error(400, `service_code: вида обращения «${c.slice(0, 63)}» нет.`);
    const statuses = list(one(q, 'status'));
    for (const s of statuses ?? []) if (s !== 'open' && s !== 'closed') throw open311Error(400, `status: «${s.slice(0, 20)}» — не статус; open или closed.`);
    const start = dateParam(q, 'start_date');
    const end = dateParam(q, 'end_date');
    const to = end ?? (start ? new Date(start.getTime() + WINDOW_DAYS * DAY_MS) : this.clock());
    const from = start ?? new Date(to.getTime() - WINDOW_DAYS * DAY_MS);
    if (from > to) throw open311Error(400, 'start_date: позже, чем end_date.');
    if (to.getTime() - from.getTime() > WINDOW_DAYS * DAY_MS) throw open311Error(400, `start_date, end_date: не больше ${WINDOW_DAYS} дней между ними.`);
    const rows = await publicAppeals(this.db, {
      ...(codes ? { types: codes } : {}),
      ...(statuses ? { statuses: statuses.flatMap((s) => statusesOf(s as 'open' | 'closed')) } : {}),
      from,
      to,
      limit: MAX_REQUESTS,
    });
    return this.records(rows);
  }

  async request(number: string): Promise<RequestRecord> {
    const [row] = /^122-\d{4}-\d{6}$/.test(number) ? await publicAppeals(this.db, { numbers: [number], limit: 1 }) : [];
    if (!row) throw open311Error(404, `service_request_id: обращения «${number.slice(0, 40)}» нет.`);
    return (await this.records([row]))[0]!;
  }

  /**
   * What a POST files: the appeal type of service_code, the appellant from first_name, last_name,
   * email, phone and address_string, the text from description, the type's fields from attributes;
   * the region is the API key's account's (a federal account names it in attribute[region]); the
   * consent is attribute[consent]=true. The key's account must be one that registers appeals.
   */
  async filing(ctx: ActorContext, form: Params): Promise<Filing> {
    const key = filer(ctx);
    const code = one(form, 'service_code');
    if (!code) throw open311Error(400, 'service_code: укажите вид обращения.');
    const type = await this.activeType(code);
    const attributes = new Map<string, string[]>();
    for (const [k, v] of Object.entries(form)) {
      const m = k.match(/^attribute\[([^\]]*)\](\[\])?$/);
      if (!m || v === undefined) continue;
      const given = (Array.isArray(v) ? v : [v]).map((x) => x.trim()).filter(Boolean);
      attributes.set(m[1]!, [...(attributes.get(m[1]!) ?? []), ...given]);
    }
    const problems: string[] = [];
    const single = (c: string): string | undefined => {
      const vs = attributes.get(c) ?? [];
      if (vs.length > 1) problems.push(`attribute[${c}]: нужно одно значение, а не ${vs.length}.`);
      return vs[0];
    };
    const values: Record<string, string | string[]> = {};
    for (const c of attributes.keys()) {
      if (c === REGION_ATTRIBUTE || c === CONSENT_ATTRIBUTE) continue;
      const field = type.fields.find((f) => f.code === c && f.kind !== 'file');
      if (!field) {
        problems.push(`attribute[${c}]: у вида обращения «${type.code}» такого атрибута нет.`);
        continue;
      }
      const vs = attributes.get(c)!;
      if (!vs.length) continue;
      if (field.kind === 'multi_choice') values[c] = vs;
      else {
        const v = single(c)!;
        // (a datetime attribute carries a date: the date as written, whatever the time)
        values[c] = field.kind === 'date' && W3C_DATETIME.test(v) ? v.slice(0, 10) : v;
      }
    }
    const asked = single(REGION_ATTRIBUTE);
    let region = key?.region ?? FEDERAL;
    if (region !== FEDERAL) {
      if (asked !== undefined && asked !== region) throw open311Error(403, `attribute[region]: этот ключ подаёт обращения региона ${region}, не ${asked.slice(0, 10)}.`);
    } else if (asked === undefined) problems.push('attribute[region]: укажите регион (ключ федеральной учётной записи подаёт обращения любого региона).');
    else region = asked;
    const text = one(form, 'description');
    if (text && text.length > DESCRIPTION_MAX) problems.push(`description: не больше ${count(DESCRIPTION_MAX, ['знака', 'знаков', 'знаков'])} (сейчас ${text.length}).`);
    const consent = single(CONSENT_ATTRIBUTE);
    if (problems.length)
      throw new Open311Error(
        400,
        problems.map((description) => ({ code: 400, description })),
      );
    const name = [one(form, 'last_name'), one(form, 'first_name')].filter(Boolean).join(' ');
    return {
      type: type.code,
      region,
      channel: 'open311',
      submission: {
        name,
        phone: one(form, 'phone'),
        email: one(form, 'email'),
        address: one(form, 'address_string'),
        text,
        consent: consent === CONSENT_GIVEN,
        values,
      },
      ...(key ? { actorId: key.userId } : {}),
    };
  }
}
