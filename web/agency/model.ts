// The API's shapes the officer's app reads, the steps each status allows (as src/appeals/work.ts
// checks them), and the dates: due days counted in the organisation's time zone.
import type { Answer, RequestOf, Schema } from '../shared/api-types.ts';

export type ListedAppeal = Schema<'ListedAppeal'>;
export type Appeal = Schema<'Appeal'>;
export type AppealStatus = ListedAppeal['status'];
export type Channel = ListedAppeal['channel'];
export type ActionBody = RequestOf<'/api/v1/appeals/{number}/actions', 'post'>['body'];
export type Step = ActionBody['action'];
export type RejectCode = Extract<ActionBody, { action: 'reject' }>['reason'];
export type AnswerFile = NonNullable<Extract<ActionBody, { action: 'answer' }>['files']>[number];
export type AppealType = Answer<'/api/v1/appeal-types'>['items'][number];
export type Organisation = Answer<'/api/v1/organisations'>['items'][number];

export const OPEN: readonly AppealStatus[] = ['registered', 'forwarded', 'in_progress', 'redirected'];

/** The steps an officer may take on an appeal now (work.ts refuses the others with 409). */
export function stepsFor(a: Pick<Appeal, 'status' | 'extended' | 'personal'>, maxExtensionDays: number): Step[] {
  const open = OPEN.includes(a.status);
  const steps: Step[] = [];
  if (a.status === 'registered' || a.status === 'forwarded' || a.status === 'redirected') steps.push('take');
  if (open) steps.push('answer');
  if (a.status === 'answered') steps.push('close');
  if (open && !a.extended && maxExtensionDays >= 1) steps.push('extend');
  if (open) steps.push('redirect', 'reject');
  // (an anonymised appeal takes no more comments)
  if (a.personal !== null) steps.push('comment');
  return steps;
}

/** The steps asked about again before they are taken: none can be undone. */
export const CONFIRMED: readonly Step[] = ['answer', 'close', 'reject', 'redirect', 'extend'];

// ---- dates ----

const DAY = 86_400_000;
const dayNumber = (ymd: string) => Date.UTC(Number(ymd.slice(0, 4)), Number(ymd.slice(5, 7)) - 1, Number(ymd.slice(8, 10))) / DAY;

/** Today's date (YYYY-MM-DD) in the zone. */
export function todayIn(zone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Calendar days from today to the due day: 0 on the due day, negative once it has passed. */
export function daysLeft(answerBy: string, zone: string, now = new Date()): number {
  return dayNumber(answerBy) - dayNumber(todayIn(zone, now));
}

export function addDays(ymd: string, n: number): string {
  return new Date((dayNumber(ymd) + n) * DAY).toISOString().slice(0, 10);
}

/** 2027-01-05 → 05.01.2027 */
export const showDate = (ymd: string) => ymd.split('-').reverse().join('.');

/** An instant as the organisation's local date and time: 06.12.2026, 16:11. */
export function showInstant(iso: string, zone: string): string {
  return new Date(iso).toLocaleString('ru-RU', { timeZone: zone, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** A phone as stored (digits: 79161234567) as people read it: +7 916 123-45-67. */
export function showPhone(digits: string): string {
  const m = /^7(\d{3})(\d{3})(\d{2})(\d{2})$/.exec(digits);
  return m ? `+7 ${m[1]} ${m[2]}-${m[3]}-${m[4]}` : /^\d+$/.test(digits) ? `+${digits}` : digits;
}

/** The zone an organisation counts its days in: its own, else its region's, else Moscow's. */
export function zoneOf(o: Organisation | undefined, regionZones: Map<string, string>): string {
  return o?.timezone ?? (o?.region ? regionZones.get(o.region) : undefined) ?? 'Europe/Moscow';
}
