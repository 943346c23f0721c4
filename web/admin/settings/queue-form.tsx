// One queue's routing settings: its name, the topics it takes, how long an operator's phone rings,
// the wrap-up limit, when a callback is offered, and its escalation steps. The API's refusals stand
// at their fields.
import { useState } from 'preact/hooks';
import { put } from '../../shared/api.ts';
import { Check, Control, ErrorSummary, Panel, typed } from '../form.tsx';
import { formErrors, noErrors, type FormErrors } from '../problems.ts';
import { t } from '../strings.ts';
import { EscalationSteps } from './escalation.tsx';
import { numberOrTyped, stepBody, stepDrafts, stepPlace, type StepDraft } from './steps.ts';
import type { Queue } from './model.ts';
import { s } from './strings.ts';
import { useKbSections } from './use-sections.ts';

const q = s.queues;
const FORM = 'queue';

const labels: Record<string, string> = {
  title: q.titleField,
  skills: q.skills,
  ringTimeoutSeconds: q.ringTimeout,
  wrapUpSeconds: q.wrapUpSeconds,
  callbackThresholdSeconds: q.callback,
};

function labelOf(place: string): string {
  const m = /^escalation\.(\d+)\.(\w+)/.exec(place);
  if (m) return `${q.step(Number(m[1]) + 1)} — ${m[2] === 'to' ? q.to : m[2] === 'action' ? q.action : m[2] === 'whenNoOperators' ? q.noOperators : q.after}`;
  return labels[place.split('.')[0]!] ?? place;
}

/** The sentence for a refused overflow target: the API's pattern is for developers. */
function withOwnSentences(errors: FormErrors): FormErrors {
  const at = new Map([...errors.at].map(([place, m]) => [place, place.endsWith('.to') && m.some((x) => x === 'Проверьте значение.') ? [q.toHint] : m]));
  return { ...errors, at };
}

interface Draft {
  title: string;
  skills: string[];
  ring: string;
  wrapUp: string;
  callback: string;
  steps: StepDraft[];
}

export function QueueForm(p: { queue: Queue; regionName: string; nameOf: (code: string) => string; onDone: (saved: Queue | null) => void }) {
  const sections = useKbSections();
  const [d, setD] = useState<Draft>(() => ({
    title: p.queue.title,
    skills: p.queue.skills,
    ring: String(p.queue.ringTimeoutSeconds),
    wrapUp: p.queue.wrapUpSeconds === null ? '' : String(p.queue.wrapUpSeconds),
    callback: String(p.queue.callbackThresholdSeconds),
    steps: stepDrafts(p.queue.escalation),
  }));
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const common = { form: FORM, errors };
  const topics = [...new Set([...sections, ...p.queue.skills])];

  const save = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    const body = {
      title: d.title,
      skills: d.skills,
      ringTimeoutSeconds: numberOrTyped(d.ring) as number,
      wrapUpSeconds: d.wrapUp.trim() === '' ? null : (numberOrTyped(d.wrapUp) as number),
      callbackThresholdSeconds: numberOrTyped(d.callback) as number,
      escalation: d.steps.map(stepBody),
    };
    const r = await put('/api/v1/queues/{id}', { path: { id: p.queue.id }, body });
    setBusy(false);
    if (!r.ok) return setErrors(withOwnSentences(formErrors(r, stepPlace)));
    p.onDone(r.body);
  };

  return (
    <Panel id="queue-editor" title={q.editTitle(p.queue.title, p.regionName)}>
      <form class="editor" onSubmit={save} noValidate>
        <ErrorSummary form={FORM} errors={errors} labelOf={labelOf} />
        <div class="grid">
          <Control {...common} place="title" label={q.titleField} control={(c) => <input {...c} value={d.title} onInput={typed((v) => setD({ ...d, title: v }))} />} />
          <Control
            {...common}
            place="ringTimeoutSeconds"
            label={q.ringTimeout}
            hint={q.ringTimeoutHint}
            control={(c) => <input {...c} inputMode="numeric" value={d.ring} onInput={typed((v) => setD({ ...d, ring: v }))} />}
          />
          <Control
            {...common}
            place="wrapUpSeconds"
            label={q.wrapUpSeconds}
            hint={q.wrapUpHint}
            control={(c) => <input {...c} inputMode="numeric" value={d.wrapUp} onInput={typed((v) => setD({ ...d, wrapUp: v }))} />}
          />
          <Control
            {...common}
            place="callbackThresholdSeconds"
            label={q.callback}
            hint={q.callbackHint}
            control={(c) => <input {...c} inputMode="numeric" value={d.callback} onInput={typed((v) => setD({ ...d, callback: v }))} />}
          />
        </div>
        <fieldset class="skills">
          <legend>{q.skills}</legend>
          <p class="hint">{q.skillsHint}</p>
          <div class="checks">
            {topics.map((topic, i) => (
              <Check
                key={topic}
                form={FORM}
                errors={errors}
                place={`skill-${i}`}
                label={topic}
                checked={d.skills.includes(topic)}
                onChange={(on) => setD({ ...d, skills: on ? [...d.skills, topic] : d.skills.filter((x) => x !== topic) })}
              />
            ))}
          </div>
        </fieldset>
        <EscalationSteps form={FORM} errors={errors} steps={d.steps} nameOf={p.nameOf} onChange={(steps) => setD({ ...d, steps })} />
        <div class="actions">
          <button type="submit" disabled={busy}>
            {busy ? t.saving : t.save}
          </button>
          <button type="button" class="secondary" onClick={() => p.onDone(null)}>
            {t.cancel}
          </button>
        </div>
      </form>
    </Panel>
  );
}
