// The navigator of support measures over a period: how often each measure was found eligible (on
// the portal, by operators, recorded with calls) and where, and the questions people leave without
// answering. Counts only, as GET /api/v1/navigator/report gives them.
import { useState } from 'preact/hooks';
import { count, percent } from './format.ts';
import { Figure } from './figure.tsx';
import { RegionSelect } from './region-select.tsx';
import { t } from './strings.ts';
import { useGet } from './use-get.ts';

const n = t.navigator;
const DAY = 86_400_000;

interface Span {
  from: string;
  to: string;
  region: string;
}

/** region: the user's own (a regional account) or '' (federal: all, or one chosen). */
export function NavigatorSection(p: { today: string; region: string; regions: { code: string; name: string }[] }) {
  const [form, setForm] = useState<Span>({ from: new Date(Date.parse(p.today) - 29 * DAY).toISOString().slice(0, 10), to: p.today, region: p.region });
  const [span, setSpan] = useState<Span>(form);
  return (
    <>
      <form
        class="controls"
        onSubmit={(e) => {
          e.preventDefault();
          setSpan({ ...form });
        }}
      >
        <label>
          {t.from} <input type="date" value={form.from} max={form.to} onInput={(e) => setForm({ ...form, from: (e.target as HTMLInputElement).value })} required />
        </label>
        <label>
          {t.to} <input type="date" value={form.to} min={form.from} onInput={(e) => setForm({ ...form, to: (e.target as HTMLInputElement).value })} required />
        </label>
        {!p.region && <RegionSelect all value={form.region} regions={p.regions} onChange={(region) => setForm({ ...form, region })} />}
        <button type="submit">{t.show}</button>
      </form>
      <NavigatorReport span={span} names={new Map(p.regions.map((r) => [r.code, r.name]))} />
    </>
  );
}

function NavigatorReport({ span, names }: { span: Span; names: Map<string, string> }) {
  const { data, error } = useGet('/api/v1/navigator/report', { query: { from: span.from, to: span.to, ...(span.region ? { region: span.region } : {}) } });
  if (error)
    return (
      <p class="error" role="alert">
        {error}
      </p>
    );
  if (!data) return <p class="quiet">{t.loading}</p>;
  const found = data.measures.filter((m) => m.eligible.total > 0);
  const never = data.measures.length - found.length;
  const api = found.reduce((a, m) => a + m.eligible.api, 0);
  const questions = data.questions.filter((q) => q.shown > 0);
  const { started, finished } = data.totals;
  return (
    <div class="report navigator">
      <section class="totals" aria-label={n.title}>
        <Figure label={n.started} value={count(started)} />
        <Figure label={n.finished} value={count(finished.total)} />
        <Figure label={n.finishedPortal} value={count(finished.portal)} />
        <Figure label={n.finishedOperator} value={count(finished.workstation)} />
      </section>
      <section aria-labelledby="nav-measures-title">
        <h2 id="nav-measures-title">{n.measuresTitle}</h2>
        {found.length ? (
          <div class="table-scroll">
            <table class="nav-measures">
              <thead>
                <tr>
                  <th scope="col" rowSpan={2}>
                    {n.measure}
                  </th>
                  <th scope="colgroup" colSpan={4} class="num group">
                    {n.foundEligible}
                  </th>
                  {!span.region && (
                    <th scope="col" rowSpan={2} class="regions-top">
                      {n.topRegions}
                    </th>
                  )}
                </tr>
                <tr>
                  <th scope="col" class="num">
                    {n.portal}
                  </th>
                  <th scope="col" class="num">
                    {n.operator}
                  </th>
                  <th scope="col" class="num">
                    {n.calls}
                  </th>
                  <th scope="col" class="num">
                    {n.total}
                  </th>
                </tr>
              </thead>
              <tbody>
                {found.map((m) => (
                  <tr key={m.id} data-measure={m.id}>
                    <td>{m.title}</td>
                    <td class="num">{count(m.eligible.portal)}</td>
                    <td class="num">{count(m.eligible.workstation)}</td>
                    <td class="num">{count(m.eligible.call)}</td>
                    <td class="num total">{count(m.eligible.total)}</td>
                    {!span.region && (
                      <td class="regions-top">
                        {m.regions.map((r, i) => (
                          <span key={r.region} title={names.get(r.region)}>
                            {i ? ', ' : ''}
                            <span class="code">{r.region}</span> {count(r.total)}
                          </span>
                        ))}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p class="quiet">{n.noneFound}</p>
        )}
        {found.length > 0 && never > 0 && <p class="quiet">{n.never(never)}</p>}
        {api > 0 && <p class="quiet">{n.apiNote(count(api))}</p>}
      </section>
      <section aria-labelledby="nav-questions-title">
        <h2 id="nav-questions-title">{n.questionsTitle}</h2>
        {questions.length ? (
          <div class="table-scroll">
            <table class="nav-questions">
              <thead>
                <tr>
                  <th scope="col">{n.question}</th>
                  <th scope="col" class="num">
                    {n.shown}
                  </th>
                  <th scope="col" class="num">
                    {n.answered}
                  </th>
                  <th scope="col" class="num">
                    {n.stopped}
                  </th>
                  <th scope="col" class="num">
                    {n.share}
                  </th>
                </tr>
              </thead>
              <tbody>
                {questions.map((q) => (
                  <tr key={q.var} data-question={q.var}>
                    <td>{q.question}</td>
                    <td class="num">{count(q.shown)}</td>
                    <td class="num">{count(q.answered)}</td>
                    <td class="num">{count(q.stopped)}</td>
                    <td class="num">{percent(q.stopShare)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p class="quiet">{n.noQuestions}</p>
        )}
        <p class="quiet">{n.stopsNote}</p>
      </section>
    </div>
  );
}
