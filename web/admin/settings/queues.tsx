// «Очереди»: a region's queues (or every one, for a federal admin) with their topics, ring
// timeout, wrap-up limit and escalation in words; one opens in a form below the list's head.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { get } from '../../shared/api.ts';
import { href } from '../route.ts';
import { problemText } from '../problems.ts';
import { t } from '../strings.ts';
import { showTargets, type Queue } from './model.ts';
import { QueueForm } from './queue-form.tsx';
import { RegionPicker } from './region-picker.tsx';
import { s } from './strings.ts';
import { regionTitle, useRegions } from './use-regions.ts';

const q = s.queues;

/** A queue's escalation in a line: «через 60 с: любой оператор; нет операторов: → резерв». */
export function escalationText(steps: Queue['escalation']): string {
  if (!steps.length) return q.noSteps;
  return steps
    .map((x) => {
      const when = [x.afterSeconds !== undefined ? q.stepText.after(x.afterSeconds) : '', 'whenNoOperators' in x && x.whenNoOperators ? q.stepText.noOperators : ''].filter(Boolean).join(' или ');
      return x.action === 'widen_skills' ? q.stepText.widen(when) : q.stepText.overflow(when, showTargets(x.to));
    })
    .join('; ');
}

export function QueuesSection({ ownRegion, item }: { ownRegion: string | null; item: string | undefined }) {
  const region = ownRegion ?? item ?? '';
  const { regions } = useRegions(ownRegion);
  const [queues, setQueues] = useState<Queue[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Queue | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const listHead = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    let live = true;
    setEditing(null);
    void get('/api/v1/queues', { query: region ? { region } : {} }).then((r) => {
      if (!live) return;
      if (!r.ok) return setError(problemText(r));
      setError(null);
      setQueues(r.body.items);
    });
    return () => {
      live = false;
    };
  }, [region, attempt]);
  const shown = useMemo(() => queues ?? [], [queues]);
  const where = (code: string) => regionTitle(regions, code, q.reserveCentre);

  return (
    <section class="card" aria-labelledby="queues-title">
      <div class="head">
        <h2 id="queues-title" tabIndex={-1} ref={listHead}>
          {q.title}
        </h2>
      </div>
      <p>{q.intro}</p>
      {ownRegion === null && (
        <form class="filters" onSubmit={(e) => e.preventDefault()} aria-label={q.title}>
          <RegionPicker
            id="queues-region"
            section="queues"
            regions={regions}
            value={region}
            extra={[
              { value: '', label: t.allRegions },
              { value: 'federal', label: q.reserveCentre },
            ]}
          />
        </form>
      )}
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {editing && (
        <QueueForm
          key={editing.id}
          queue={editing}
          regionName={where(editing.region)}
          nameOf={(code) => regionTitle(regions, code, s.reserve)}
          onDone={(saved) => {
            setEditing(null);
            setTimeout(() => listHead.current?.focus());
            if (!saved) return;
            setNotice(q.savedNotice(saved.title));
            setAttempt((n) => n + 1);
          }}
        />
      )}
      {queues === null && !error ? (
        <p>{t.loading}</p>
      ) : (
        <>
          <p aria-live="polite">{q.count(shown.length)}</p>
          {shown.length === 0 ? (
            <p>{q.none}</p>
          ) : (
            <table class="stack queues">
              <thead>
                <tr>
                  <th scope="col">{q.name}</th>
                  <th scope="col">{q.region}</th>
                  <th scope="col">{q.skills}</th>
                  <th scope="col" class="num">
                    {q.ring}
                  </th>
                  <th scope="col">{q.wrapUp}</th>
                  <th scope="col">{q.escalation}</th>
                  <th scope="col">
                    <span class="sr-only">{t.edit}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.map((x) => (
                  <tr key={x.id} data-queue={x.id}>
                    <td data-label={q.name}>{x.title}</td>
                    <td data-label={q.region}>{where(x.region)}</td>
                    <td data-label={q.skills}>{x.skills.length ? x.skills.join(', ') : q.anyTopic}</td>
                    <td data-label={q.ring} class="num">
                      {s.seconds(x.ringTimeoutSeconds)}
                    </td>
                    <td data-label={q.wrapUp}>{x.wrapUpSeconds === null ? q.byOperator : s.seconds(x.wrapUpSeconds)}</td>
                    <td data-label={q.escalation}>{escalationText(x.escalation)}</td>
                    <td class="row-actions">
                      <a href={href({ section: 'audit', tab: 'types', target: { type: 'queue', id: String(x.id) } })} aria-label={q.logLabel(x.title)}>
                        {q.log}
                      </a>{' '}
                      <button type="button" class="secondary" aria-label={q.editLabel(x.title)} onClick={() => (setEditing(x), setNotice(null))}>
                        {q.edit}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
