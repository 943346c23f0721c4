// The refusals of a week and of norms (a region's or the federal ones): each place's label for the
// summary, and a norm's sentence in the form's terms.
import type { FormErrors } from '../problems.ts';
import { normFields } from './model.ts';
import { s } from './strings.ts';

/** A label of every place the API may name, for the summary of a refused save. */
export function settingsLabel(place: string): string {
  const [group, key, part] = place.split('.');
  if (group === 'norms' && key) return s.norm[key] ?? place;
  if (group === 'hours' && key) return `${s.settings.day[key] ?? key}${part === 'open' ? `: ${s.settings.opens.toLowerCase()}` : part === 'close' ? `: ${s.settings.closes.toLowerCase()}` : ''}`;
  return place;
}

/** A refused norm says what the field takes (the API's bounds are of shares, the form's of percentages). */
export function withNormSentences(errors: FormErrors): FormErrors {
  const at = new Map(errors.at);
  for (const f of normFields) {
    if (at.has(`norms.${f.key}`)) at.set(`norms.${f.key}`, [f.percent ? s.settings.percent(f.min, f.max) : s.settings.wholeSeconds(f.min, f.max)]);
  }
  return { ...errors, at };
}
