// A region's week: each day as the federal hours, its own hours or closed, with the federal
// hours beside it; the API's refusals at the day's open and close times.
import { Control, typed } from '../form.tsx';
import type { FormErrors } from '../problems.ts';
import { days, hoursText, type Day, type DayDraft, type DayMode, type Hours } from './model.ts';
import { s } from './strings.ts';

export function HoursFields(p: { form: string; errors: FormErrors; timezone: string; federal: Hours; draft: Record<Day, DayDraft>; onChange: (d: Record<Day, DayDraft>) => void }) {
  const common = { form: p.form, errors: p.errors };
  const set = (d: Day, x: Partial<DayDraft>) => p.onChange({ ...p.draft, [d]: { ...p.draft[d], ...x } });
  return (
    <fieldset>
      <legend>{s.settings.hours}</legend>
      <p class="hint">{s.settings.hoursHint(p.timezone)}</p>
      <div class="days">
        {days.map((d) => {
          const x = p.draft[d];
          return (
            <fieldset key={d} class={`day ${x.mode}`} data-day={d}>
              <legend>{s.settings.day[d]}</legend>
              <Control
                {...common}
                place={`hours.${d}.mode`}
                label={s.settings.mode}
                hint={s.settings.federalHours(hoursText(p.federal[d], s.settings.closed))}
                control={(c) => (
                  <select {...c} value={x.mode} onChange={typed((v) => set(d, { mode: v as DayMode }))}>
                    {(['default', 'open', 'closed'] as const).map((m) => (
                      <option key={m} value={m}>
                        {s.settings.modes[m]}
                      </option>
                    ))}
                  </select>
                )}
              />
              {x.mode === 'open' && (
                <>
                  <Control
                    {...common}
                    place={`hours.${d}.open`}
                    label={s.settings.opens}
                    control={(c) => <input {...c} inputMode="numeric" placeholder="09:00" value={x.open} onInput={typed((v) => set(d, { open: v }))} />}
                  />
                  <Control
                    {...common}
                    place={`hours.${d}.close`}
                    label={s.settings.closes}
                    control={(c) => <input {...c} inputMode="numeric" placeholder="18:00" value={x.close} onInput={typed((v) => set(d, { close: v }))} />}
                  />
                </>
              )}
            </fieldset>
          );
        })}
      </div>
    </fieldset>
  );
}
