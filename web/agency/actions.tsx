// The steps the appeal's status allows now (the others are not offered: work.ts would refuse them):
// «Взять в работу» at once, «Завершить» after a question, the rest through their form, those that cannot be undone asked about
// once more. A refusal is told in Russian by its code, with the API's list of problems if it gave one.
import { useRef, useState } from 'preact/hooks';
import { post } from '../shared/api.ts';
import type { Catalog } from './catalog.ts';
import { ConfirmDialog } from './confirm.tsx';
import { stepsFor, type ActionBody, type Appeal, type Step } from './model.ts';
import { AnswerForm, CommentForm, ExtendForm, RedirectForm, RejectForm } from './step-forms.tsx';
import { t } from './strings.ts';

const s = t.actions;

interface Failure {
  message: string;
  code: string | null;
  problems: string[];
}

export function Actions({ appeal, catalog, onDone, onStale }: { appeal: Appeal; catalog: Catalog; onDone: (step: Step) => void; onStale: () => void }) {
  const maxDays = catalog.types.get(appeal.type)?.deadlines.maxExtensionDays ?? 30;
  const steps = stepsFor(appeal, maxDays);
  const [chosen, setOpen] = useState<Step | null>(null);
  // (a form whose step the appeal's new status no longer allows is gone)
  const open = chosen && steps.includes(chosen) ? chosen : null;
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [asking, setAsking] = useState<{ body: ActionBody; text: string } | null>(null);
  const panel = useRef<HTMLElement>(null);

  const toggle = (step: Step) => {
    setFailure(null);
    setOpen(open === step ? null : step);
  };
  const close = () => {
    const step = open;
    setOpen(null);
    // the keyboard back on the button that opened the form
    if (step) requestAnimationFrame(() => panel.current?.querySelector<HTMLButtonElement>(`button[data-step="${step}"]`)?.focus());
  };

  const run = async (body: ActionBody) => {
    setAsking(null);
    setBusy(true);
    setFailure(null);
    const r = await post('/api/v1/appeals/{number}/actions', { path: { number: appeal.number }, body });
    setBusy(false);
    if (r.ok) {
      setOpen(null);
      onDone(body.action);
      return;
    }
    // (appeal.invalid lists what is wrong with the files in Russian; other lists are for developers)
    const errors = r.code === 'appeal.invalid' ? ((r.body as { errors?: { message?: string }[] } | null)?.errors ?? []) : [];
    setFailure({ message: r.message, code: r.code, problems: errors.flatMap((e) => (e.message ? [e.message] : [])) });
    // (another officer moved it on meanwhile: show it as it is now)
    if (r.status === 409) onStale();
  };
  const submit = (body: ActionBody, confirm: string | null) => (confirm ? setAsking({ body, text: confirm }) : void run(body));

  if (!steps.length)
    return (
      <section class="card" aria-labelledby="ag-actions-h">
        <h2 id="ag-actions-h">{s.heading}</h2>
        <p class="muted">{s.none}</p>
      </section>
    );

  const props = { appeal, busy, submit, cancel: close };
  return (
    <section
      class="card ag-actions"
      aria-labelledby="ag-actions-h"
      ref={panel}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open && !asking) {
          e.preventDefault();
          close();
        }
      }}
    >
      <h2 id="ag-actions-h">{s.heading}</h2>
      <div class="ag-steps">
        {steps.map((step) =>
          step === 'take' || step === 'close' ? (
            <button key={step} type="button" data-step={step} disabled={busy} onClick={() => (step === 'take' ? void run({ action: 'take' }) : submit({ action: 'close' }, s.confirmClose))}>
              {s[step]}
            </button>
          ) : (
            <button
              key={step}
              type="button"
              data-step={step}
              class={open === step ? undefined : 'secondary'}
              aria-expanded={open === step}
              aria-controls={open === step ? 'ag-step-form' : undefined}
              onClick={() => toggle(step)}
            >
              {s[step]}
            </button>
          ),
        )}
      </div>
      {failure && (
        <div class="error ag-failure" role="alert">
          <strong>{s.errorTitle}.</strong> {failure.message}
          {failure.problems.length > 0 && (
            <ul>
              {failure.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
          {failure.code && <span class="ag-code"> ({s.errorCode(failure.code)})</span>}
        </div>
      )}
      {open && (
        <div id="ag-step-form">
          <h3>{s[open]}</h3>
          {open === 'answer' && <AnswerForm {...props} />}
          {open === 'reject' && <RejectForm {...props} />}
          {open === 'redirect' && <RedirectForm {...props} catalog={catalog} />}
          {open === 'extend' && <ExtendForm {...props} maxDays={maxDays} />}
          {open === 'comment' && <CommentForm {...props} />}
        </div>
      )}
      {asking && <ConfirmDialog text={asking.text} onYes={() => void run(asking.body)} onNo={() => setAsking(null)} />}
    </section>
  );
}
