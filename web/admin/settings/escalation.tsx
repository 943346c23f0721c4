// A queue's escalation steps as the form holds them: each a fieldset (what to do, after how long
// or when no operator is on the line, where to send the call), moved, added and removed; the API's
// refusals at the step's fields.
import { Check, Control, typed } from '../form.tsx';
import type { FormErrors } from '../problems.ts';
import { s } from './strings.ts';
import { readTargets } from './model.ts';
import { newStep, type StepDraft } from './steps.ts';

const q = s.queues;

/** «50 Московская область, федеральный резерв» for the targets typed, while each is a region's code or the reserve. */
function targetNames(typed: string, nameOf: (code: string) => string): string | null {
  const codes = readTargets(typed);
  return codes.length && codes.every((c) => /^(federal|[0-9]{2})$/.test(c)) ? codes.map(nameOf).join(', ') : null;
}

export function EscalationSteps(p: { form: string; errors: FormErrors; steps: StepDraft[]; nameOf: (code: string) => string; onChange: (s: StepDraft[]) => void }) {
  const common = { form: p.form, errors: p.errors };
  const set = (i: number, x: Partial<StepDraft>) => p.onChange(p.steps.map((st, j) => (j === i ? { ...st, ...x } : st)));
  const move = (i: number, by: number) => {
    const list = [...p.steps];
    [list[i], list[i + by]] = [list[i + by]!, list[i]!];
    p.onChange(list);
  };
  return (
    <fieldset class="steps">
      <legend>{q.steps}</legend>
      <p class="hint">{q.stepsHint}</p>
      {p.steps.map((x, i) => (
        <fieldset key={x.key} class="field-card step">
          <legend>{q.step(i + 1)}</legend>
          <div class="grid">
            <Control
              {...common}
              place={`escalation.${i}.action`}
              label={q.action}
              control={(c) => (
                <select {...c} value={x.action} onChange={typed((v) => set(i, { action: v as StepDraft['action'] }))}>
                  {(['widen_skills', 'overflow'] as const).map((a) => (
                    <option key={a} value={a}>
                      {q.actions[a]}
                    </option>
                  ))}
                </select>
              )}
            />
            <Control
              {...common}
              place={`escalation.${i}.afterSeconds`}
              label={q.after}
              hint={x.action === 'overflow' ? q.afterHint : undefined}
              control={(c) => <input {...c} inputMode="numeric" value={x.after} onInput={typed((v) => set(i, { after: v }))} />}
            />
            {x.action === 'overflow' && (
              <>
                <Check {...common} place={`escalation.${i}.whenNoOperators`} label={q.noOperators} checked={x.noOperators} onChange={(v) => set(i, { noOperators: v })} />
                <Control
                  {...common}
                  place={`escalation.${i}.to`}
                  label={q.to}
                  hint={q.toHint}
                  control={(c) => (
                    <>
                      <input {...c} value={x.to} onInput={typed((v) => set(i, { to: v }))} />
                      {targetNames(x.to, p.nameOf) && <p class="hint targets">{q.toNames(targetNames(x.to, p.nameOf)!)}</p>}
                    </>
                  )}
                />
              </>
            )}
          </div>
          <div class="field-actions">
            <button type="button" class="secondary" disabled={i === 0} aria-label={q.upLabel(i + 1)} onClick={() => move(i, -1)}>
              {q.up}
            </button>
            <button type="button" class="secondary" disabled={i === p.steps.length - 1} aria-label={q.downLabel(i + 1)} onClick={() => move(i, 1)}>
              {q.down}
            </button>
            <button type="button" class="secondary danger" aria-label={q.removeLabel(i + 1)} onClick={() => p.onChange(p.steps.filter((_, j) => j !== i))}>
              {q.remove}
            </button>
          </div>
        </fieldset>
      ))}
      <button type="button" class="secondary add" onClick={() => p.onChange([...p.steps, newStep()])}>
        {q.addStep}
      </button>
    </fieldset>
  );
}
