// The list's filters the API does not apply (the workspace filters by state and section only):
// words of the title, when the answer last changed, and when its validity ends. Pure, over the
// loaded list.
import type { Answer } from '../../shared/api-types.ts';

export type Listed = Answer<'/api/v1/kb/workspace'>['items'][number];

export interface Filters {
  status: '' | Listed['status'];
  section: string;
  text: string;
  updated: '' | 'day' | 'week' | 'month';
  validity: '' | 'soon' | 'over';
}

export const noFilters: Filters = { status: '', section: '', text: '', updated: '', validity: '' };

const DAY = 86400_000;
const days = { day: 1, week: 7, month: 30 } as const;
/** «Истекает скоро»: the validity ends within this many days. */
export const SOON_DAYS = 30;

/** Today as YYYY-MM-DD in Moscow, the calendar validity dates are written in. */
export function today(now = new Date()): string {
  return new Date(now.getTime() + 3 * 3600_000).toISOString().slice(0, 10);
}

const addDays = (ymd: string, n: number) => new Date(Date.parse(`${ymd}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

export function validityOf(a: Listed, now = new Date()): 'over' | 'soon' | null {
  const until = a.working.validUntil;
  if (!until) return null;
  const d = today(now);
  if (until < d) return 'over';
  return until <= addDays(d, SOON_DAYS) ? 'soon' : null;
}

export function applyFilters(items: Listed[], f: Filters, now = new Date()): Listed[] {
  const words = f.text.trim().toLocaleLowerCase('ru').replace(/ё/g, 'е').split(/\s+/).filter(Boolean);
  return items.filter((a) => {
    if (f.updated && now.getTime() - Date.parse(a.updatedAt) > days[f.updated] * DAY) return false;
    if (f.validity && validityOf(a, now) !== f.validity) return false;
    if (words.length) {
      const title = `${a.title} ${a.slug}`.toLocaleLowerCase('ru').replace(/ё/g, 'е');
      if (!words.every((w) => title.includes(w))) return false;
    }
    return true;
  });
}
