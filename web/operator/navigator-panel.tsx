// «Меры поддержки» during a call (Alt+N): the navigator's questions one at a time, asked of the
// caller by the operator, then the measures grouped eligible / possibly / not eligible with why.
// Keyboard-first: a digit picks an option, Enter confirms, Backspace goes back, Esc closes. The
// measures found eligible go with the wrap-up (onFound). Nothing is kept: the answers live here only.
// What the measures are comes once per catalogue (GET /api/v1/navigator/catalog); a step says
// why only for the eligible (and, at the end, the possible): «Почему?» asks for another's why.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { get, post } from '../shared/api.ts';
import type { Answer } from '../shared/api-types.ts';

type Step = Answer<'/api/v1/navigator/step', 'post'>;
type Measures = Answer<'/api/v1/navigator/catalog', 'get'>;
type Explanation = NonNullable<Step['results'][number]['explanation']>;
type Question = NonNullable<Step['next']>;
type Value = string | number | boolean;

export const nt = {
  title: 'Меры поддержки',
  key: 'Alt+N',
  close: 'Закрыть',
  back: 'Назад',
  confirm: 'Ответить',
  yes: 'Да',
  no: 'Нет',
  hint: 'Цифра — выбрать, Enter — ответить, Backspace — назад, Esc — закрыть.',
  groups: { yes: 'Положены', unknown: 'Возможно', no: 'Не положены' } as Record<string, string>,
  held: 'Выполнено',
  failed: 'Не выполнено',
  open: 'Не выяснено',
  judged: 'Решает специалист',
  found: (n: number) => `${n} — войдут в оформление звонка`,
  restart: 'Начать заново',
  why: 'Почему?',
  whyOf: (title: string) => `Почему: ${title}`,
  loading: 'Загрузка…',
  answer: (n: number) => `ответ ${n}`,
  answerOf: (title: string, n: number) => `ответ ${n} о мере «${title}» (открыть в базе знаний)`,
};

const choices = (q: Question): { value: Value; label: string }[] =>
  q.type === 'boolean'
    ? [
        { value: true, label: nt.yes },
        { value: false, label: nt.no },
      ]
    : (q.options ?? []);

export function NavigatorPanel(props: { onFound: (ids: string[]) => void; onClose: () => void; onOpenAnswer: (slug: string) => void }) {
  const [order, setOrder] = useState<string[]>([]);
  const [answers, setAnswers] = useState<Record<string, Value>>({});
  const [step, setStep] = useState<Step | null>(null);
  const [measures, setMeasures] = useState<{ tag: string; byId: Map<string, Measures['measures'][number]> } | null>(null);
  /** Why for measures the step did not explain, asked for one by one (for these answers only). */
  const [whys, setWhys] = useState<Record<string, Explanation>>({});
  const [picked, setPickedState] = useState<Value | null>(null);
  // (a digit and Enter pressed at once: Enter reads the pick before the panel has re-rendered)
  const pickedNow = useRef<Value | null>(null);
  const setPicked = (v: Value | null) => {
    pickedNow.current = v;
    setPickedState(v);
  };
  const [number, setNumber] = useState('');
  const [error, setError] = useState('');
  const root = useRef<HTMLElement>(null);

  const load = async (a: Record<string, Value>) => {
    const r = await post('/api/v1/navigator/step', { body: { answers: a } });
    if (!r.ok) return setError(r.message);
    // (the first step, or editors published meanwhile: the measures of this catalogue)
    if (measures?.tag !== r.body.catalog) {
      const m = await get('/api/v1/navigator/catalog');
      if (!m.ok) return setError(m.message);
      setMeasures({ tag: m.body.catalog, byId: new Map(m.body.measures.map((x) => [x.id, x])) });
    }
    setError('');
    setWhys({});
    setStep(r.body);
    setPicked(null);
    setNumber('');
    props.onFound(r.body.results.filter((x) => x.truth === 'yes').map((x) => x.id));
  };
  useEffect(() => void load({}), []);
  // (at once with the new question drawn: the old one's box gone, keys pressed next would land nowhere)
  useLayoutEffect(() => (root.current?.querySelector<HTMLElement>('fieldset input') ?? root.current?.querySelector<HTMLElement>('h2'))?.focus(), [step]);

  const q = step?.next ?? null;
  const answer = (value: Value) => {
    if (!q) return;
    const a = { ...answers, [q.var]: value };
    setAnswers(a);
    setOrder((o) => [...o.filter((v) => v !== q.var), q.var]);
    void load(a);
  };
  const back = () => {
    const last = order[order.length - 1];
    if (!last) return;
    const a = { ...answers };
    delete a[last];
    setAnswers(a);
    setOrder(order.slice(0, -1));
    void load(a);
  };
  const confirm = () => {
    if (!q) return;
    if (q.type === 'number') {
      // (from the box itself, for the same reason as pickedNow)
      const typed = root.current?.querySelector<HTMLInputElement>('input[type=number]')?.value.trim() ?? '';
      if (/^[0-9]{1,3}$/.test(typed)) answer(Number(typed));
    } else if (pickedNow.current !== null) answer(pickedNow.current);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const inNumber = e.target instanceof HTMLInputElement && e.target.type === 'number';
    if (e.key === 'Escape') props.onClose();
    else if (e.key === 'Enter') confirm();
    else if (e.key === 'Backspace' && !(inNumber && number)) back();
    else if (q && q.type !== 'number' && /^[1-9]$/.test(e.key)) {
      const c = choices(q)[Number(e.key) - 1];
      if (!c) return;
      setPicked(c.value);
    } else {
      // the call's own keys (F8 hangs up …) still work; the rest stays in the panel
      if (!/^F\d+$/.test(e.key)) e.stopPropagation();
      return;
    }
    e.preventDefault();
    e.stopPropagation();
  };

  const askWhy = async (id: string) => {
    const r = await post('/api/v1/navigator/step', { body: { answers, explain: [id] } });
    if (!r.ok) return setError(r.message);
    const e = r.body.results.find((x) => x.id === id)?.explanation;
    if (e) setWhys((w) => ({ ...w, [id]: e }));
  };

  const groups = ['yes', 'unknown', 'no'] as const;
  return (
    <section ref={root} class="card nav-panel" aria-labelledby="nav-title" onKeyDown={onKeyDown}>
      <div class="call-head">
        <h2 id="nav-title" tabIndex={-1}>
          {nt.title}
        </h2>
        <button type="button" class="secondary" onClick={props.onClose}>
          {nt.close} <kbd>Esc</kbd>
        </button>
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {!(step && measures) && <p class="muted">{nt.loading}</p>}
      {q && (
        <fieldset class="nav-question">
          <legend>{q.question}</legend>
          {q.hint && <p class="muted">{q.hint}</p>}
          {q.type === 'number' ? (
            <input type="number" min={q.min ?? 0} max={q.max} aria-label={q.question} value={number} onInput={(e) => setNumber((e.target as HTMLInputElement).value)} />
          ) : (
            <div class="choices">
              {choices(q).map((c, i) => (
                <label key={String(c.value)} class={picked === c.value ? 'chosen' : ''}>
                  <input type="radio" name={`nav-${q.var}`} checked={picked === c.value} onChange={() => setPicked(c.value)} />
                  <kbd>{i + 1}</kbd> {c.label}
                </label>
              ))}
            </div>
          )}
          <p class="nav-actions">
            <button type="button" onClick={confirm}>
              {nt.confirm} <kbd>Enter</kbd>
            </button>
            {order.length > 0 && (
              <button type="button" class="secondary" onClick={back}>
                {nt.back} <kbd>Backspace</kbd>
              </button>
            )}
          </p>
          <p class="muted">{nt.hint}</p>
        </fieldset>
      )}
      {step && !q && (
        <p class="nav-actions">
          <button type="button" class="secondary" onClick={back}>
            {nt.back} <kbd>Backspace</kbd>
          </button>
          <button type="button" class="secondary" onClick={() => (setAnswers({}), setOrder([]), void load({}))}>
            {nt.restart}
          </button>
        </p>
      )}
      {step &&
        measures &&
        groups.map((g) => {
          const rs = step.results.filter((r) => r.truth === g);
          if (!rs.length || (q && g !== 'yes')) return null;
          return (
            <section key={g} class={`nav-group nav-${g}`} aria-label={nt.groups[g]}>
              <h3>
                {nt.groups[g]} ({rs.length}){g === 'yes' && <span class="muted"> · {nt.found(rs.length)}</span>}
              </h3>
              <ul>
                {rs.map((r) => {
                  const m = measures.byId.get(r.id);
                  const title = m?.title ?? r.id;
                  const e = r.explanation ?? whys[r.id];
                  return (
                    <li key={r.id}>
                      <strong>{title}</strong> {m && <span class="muted">— {m.provider}</span>}
                      {m?.answerIds.map((slug, i) => (
                        <button key={slug} type="button" class="link" aria-label={nt.answerOf(title, i + 1)} onClick={() => props.onOpenAnswer(slug)}>
                          {nt.answer(i + 1)}
                        </button>
                      ))}
                      {e ? (
                        <Why e={e} />
                      ) : (
                        <button type="button" class="link" aria-label={nt.whyOf(title)} onClick={() => void askWhy(r.id)}>
                          {nt.why}
                        </button>
                      )}
                    </li>
                  );
                })}
              </ul>
            </section>
          );
        })}
    </section>
  );
}

function Why({ e }: { e: Explanation }) {
  const parts = [
    [nt.held, e.held],
    [nt.failed, e.failed],
    [nt.open, e.open],
    [nt.judged, e.judged],
  ] as const;
  return (
    <ul class="nav-why">
      {parts.flatMap(([label, xs]) =>
        xs.map((x) => (
          <li key={label + x}>
            {label}: {x}
          </li>
        )),
      )}
    </ul>
  );
}
