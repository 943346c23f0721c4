// A region's week: each day as the federal hours, its own hours or closed, with the federal
// hours beside it (the federal week itself: each day open or closed); the API's refusals at the
// day's open and close times.
import { Control, typed } from '../form.tsx';
import type { FormErrors } from '../problems.ts';
import { days, hoursText, type Day, type DayDraft, type DayMode, type Hours } from './model.ts';
import { s } from './strings.ts';

export function HoursFields(p: {
  form: string;
  errors: FormErrors;
  /** the region's zone; none for the federal week, which each region keeps in its own time */
  timezone: string | null;
  /** the federal week beside a region's; none when it is the federal week being edited */
  federal: Hours | null;
  draft: Record<Day, DayDraft>;
  onChange: (d: Record<Day, DayDraft>) => void;
}) {
  const modes: DayMode[] = p.federal ? ['default', 'open', 'closed'] : ['open', 'closed'];
  const common = { form: p.form, errors: p.errors };
  const set = (d: Day, x: Partial<DayDraft>) => p.onChange({ ...p.draft, [d]: { ...p.draft[d], ...x } });
  return (
    <fieldset>
      <legend>{s.settings.hours}</legend>
      <p class="hint">{p.timezone ? s.settings.hoursHint(p.timezone) : s.defaults.hoursHint}</p>
      <div class="days">
        {days.map((d) => {
          const x = p.draft[d];
          return (
            <fieldset key={d} class={`day ${x.mode}${p.federal ? ' own-week' : ''}`} data-day={d}>
              <legend>{s.settings.day[d]}</legend>
              <Control
                {...common}
                place={`hours.${d}.mode`}
                label={s.settings.mode}
                hint={p.federal ? s.settings.federalHours(hoursText(p.federal[d], s.settings.closed)) : undefined}
                control={(c) => (
                  <select {...c} value={x.mode} onChange={typed((v) => set(d, { mode: v as DayMode }))}>
                    {modes.map((m) => (
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
