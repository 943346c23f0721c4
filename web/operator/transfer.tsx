// Passing the call on: the queues the operator may choose (the call's region's, then the federal
// reserve's), one confirmed choice, Esc to go back. The caller holds with music meanwhile; the
// operator is free as soon as otvet takes it.
import { useEffect, useRef, useState } from 'preact/hooks';
import { get, post } from '../shared/api.ts';
import { t } from './strings.ts';

interface Target {
  region: string;
  name: string;
  title: string;
}

export function TransferForm(props: { callId: string; regionName: (code: string) => string; onDone: (title: string) => void; onCancel: () => void }) {
  const [targets, setTargets] = useState<Target[] | null>(null);
  const [chosen, setChosen] = useState(0);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void get('/api/v1/agent/calls/{callId}/transfer-targets', { path: { callId: props.callId } }).then((r) => {
      if (r.ok) setTargets(r.body.queues);
      else setError(r.message);
    });
  }, [props.callId]);
  useEffect(() => first.current?.focus(), [targets]);

  const label = (q: Target) => (q.region === 'federal' ? q.title : `${q.title} — ${q.region} ${props.regionName(q.region)}`);
  const submit = async (e: Event) => {
    e.preventDefault();
    const q = targets?.[chosen];
    if (!q) return;
    setBusy(true);
    const r = await post('/api/v1/agent/calls/{callId}/transfer', { path: { callId: props.callId }, body: { queue: q.name, region: q.region } });
    setBusy(false);
    if (r.ok) props.onDone(label(q));
    else setError(r.message);
  };

  return (
    <form
      class="card transfer"
      aria-label={t.transfer.title}
      onSubmit={(e) => void submit(e)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          props.onCancel();
        }
      }}
    >
      <fieldset>
        <legend>{t.transfer.title}</legend>
        {targets === null && !error && <p class="muted">…</p>}
        {targets?.map((q, i) => (
          <label key={`${q.region}/${q.name}`} class="choice">
            <input ref={i === 0 ? first : undefined} type="radio" name="transfer-target" checked={chosen === i} onChange={() => setChosen(i)} /> {label(q)}
          </label>
        ))}
      </fieldset>
      <p class="muted">{t.transfer.hint}</p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div class="actions">
        <button type="submit" disabled={busy || !targets?.length}>
          {t.transfer.submit}
        </button>
        <button type="button" class="secondary" onClick={props.onCancel}>
          {t.transfer.cancel} <kbd>Esc</kbd>
        </button>
      </div>
    </form>
  );
}
