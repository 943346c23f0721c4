// Passing the call on: to a queue (the call's region's, then the federal reserve's) or to a named
// colleague who is ready (their phone rings at once); one confirmed choice, Esc to go back. The
// colleagues' states are read again every few seconds while the form is open: a colleague busy
// since is shown so, and cannot be chosen. The caller holds with music meanwhile; the operator is
// free as soon as otvet takes it.
import { useEffect, useRef, useState } from 'preact/hooks';
import { get, post } from '../shared/api.ts';
import { ru } from '../shared/codes-ru.ts';
import { t } from './strings.ts';

interface Queue {
  region: string;
  name: string;
  title: string;
}

interface Colleague {
  username: string;
  displayName: string;
  region: string;
  state: string;
}

interface Targets {
  queues: Queue[];
  operators: Colleague[];
}

/** The choice, by a key that stays the same when the list is read again. */
type Choice = `queue:${string}/${string}` | `operator:${string}`;

const REFRESH_MS = 5000;

const queueKey = (q: Queue): Choice => `queue:${q.region}/${q.name}`;
const operatorKey = (o: Colleague): Choice => `operator:${o.username}`;

export function TransferForm(props: { callId: string; regionName: (code: string) => string; onDone: (title: string) => void; onCancel: () => void }) {
  const [targets, setTargets] = useState<Targets | null>(null);
  const [chosen, setChosen] = useState<Choice | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);

  const load = async () => {
    const r = await get('/api/v1/agent/calls/{callId}/transfer-targets', { path: { callId: props.callId } });
    if (!r.ok) return setError(r.message);
    setTargets(r.body);
    setChosen((c) => {
      const still = c && [...r.body.queues.map(queueKey), ...r.body.operators.filter((o) => o.state === 'ready').map(operatorKey)].includes(c);
      return still ? c : r.body.queues[0] ? queueKey(r.body.queues[0]) : null;
    });
  };
  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [props.callId]);
  const loaded = targets !== null;
  useEffect(() => first.current?.focus(), [loaded]);

  const queueLabel = (q: Queue) => (q.region === 'federal' ? q.title : `${q.title} — ${q.region} ${props.regionName(q.region)}`);
  const colleagueLabel = (o: Colleague) => `${o.displayName || o.username}${o.region === 'federal' ? `, ${t.transfer.reserve}` : ''}`;
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!targets || !chosen) return;
    const queue = targets.queues.find((q) => queueKey(q) === chosen);
    const colleague = targets.operators.find((o) => operatorKey(o) === chosen);
    if (!queue && !colleague) return;
    setBusy(true);
    const r = await post('/api/v1/agent/calls/{callId}/transfer', {
      path: { callId: props.callId },
      body: queue ? { queue: queue.name, region: queue.region } : { operator: colleague!.username },
    });
    setBusy(false);
    if (r.ok) return props.onDone(queue ? queueLabel(queue) : colleagueLabel(colleague!));
    setError(r.message);
    // (a colleague taken meanwhile: the list says so now)
    if (r.code === 'operator.not_available' || r.code === 'operator.not_found') void load();
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
      <h2 class="transfer-title">{t.transfer.title}</h2>
      {targets === null && !error && <p class="muted">…</p>}
      {targets && (
        <fieldset>
          <legend>{t.transfer.toQueue}</legend>
          {targets.queues.map((q, i) => (
            <label key={queueKey(q)} class="choice">
              <input ref={i === 0 ? first : undefined} type="radio" name="transfer-target" checked={chosen === queueKey(q)} onChange={() => setChosen(queueKey(q))} /> {queueLabel(q)}
            </label>
          ))}
        </fieldset>
      )}
      {targets && (
        <fieldset>
          <legend>{t.transfer.toColleague}</legend>
          {!targets.operators.length && <p class="muted">{t.transfer.nobody}</p>}
          {targets.operators.map((o) => {
            const free = o.state === 'ready';
            return (
              <label key={operatorKey(o)} class={free ? 'choice' : 'choice unavailable'}>
                <input type="radio" name="transfer-target" disabled={!free} checked={chosen === operatorKey(o)} onChange={() => setChosen(operatorKey(o))} /> {colleagueLabel(o)}
                <span class={free ? 'colleague-state free' : 'colleague-state'}>{ru(t.transfer.states, o.state)}</span>
              </label>
            );
          })}
        </fieldset>
      )}
      <p class="muted">{chosen?.startsWith('operator:') ? t.transfer.hintColleague : t.transfer.hint}</p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div class="actions">
        <button type="submit" disabled={busy || !chosen}>
          {t.transfer.submit}
        </button>
        <button type="button" class="secondary" onClick={props.onCancel}>
          {t.transfer.cancel} <kbd>Esc</kbd>
        </button>
      </div>
    </form>
  );
}
