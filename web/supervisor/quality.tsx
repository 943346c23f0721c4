// Today's line quality of calls taken on the browser phone, per operator, worst first: a poor line
// says so in words (and a mark), not by colour alone.
import type { CallQualityReport, OperatorQuality } from './api-shapes.ts';
import { strings } from './strings.ts';

const s = strings.quality;

/** Below this average MOS an operator's line is poor (the API counts poor calls the same way). */
export const POOR_MOS = 3.6;

const decimal = (digits: number) => new Intl.NumberFormat('ru-RU', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const mos = decimal(2);
const tenths = decimal(1);
const whole = decimal(0);

export const isPoor = (o: { mosAvg: number }) => o.mosAvg < POOR_MOS;
const ms = (v: number | null) => (v === null ? '—' : s.ms(v >= 100 ? whole.format(v) : tenths.format(v)));

export function CallQuality(props: { report: CallQualityReport | null; failure: string | null; onRetry: () => void }) {
  const { report } = props;
  const region = report?.regions[0];
  return (
    <section class="sv-panel sv-quality" aria-labelledby="sv-quality-h">
      <div class="sv-panel__head">
        <h2 id="sv-quality-h">{s.heading}</h2>
        <p class="sv-sub">{s.note}</p>
        {region && report?.regions.length === 1 && <p class="sv-quality__total">{s.total(region.calls, mos.format(region.mosAvg), region.poorCalls, tenths.format(region.lossPct))}</p>}
      </div>
      {props.failure ? (
        <div class="sv-error" role="alert">
          <p>
            <strong>{s.loadFailed}</strong> {props.failure}
          </p>
          <button type="button" class="sv-button sv-button--small" onClick={props.onRetry}>
            {strings.errors.retry}
          </button>
        </div>
      ) : !report ? (
        <p class="sv-loading">{strings.live.connecting}</p>
      ) : report.operators.length === 0 ? (
        <p class="sv-empty">{s.empty}</p>
      ) : (
        <>
          <div class="sv-scroll sv-quality__scroll" tabIndex={0} aria-labelledby="sv-quality-h">
            <table class="sv-table" aria-labelledby="sv-quality-h">
              <thead>
                <tr>
                  <th scope="col">{s.operator}</th>
                  <th scope="col" class="sv-right">
                    {s.calls}
                  </th>
                  <th scope="col" class="sv-right">
                    {s.mosAvg}
                  </th>
                  <th scope="col" class="sv-right">
                    {s.mosMin}
                  </th>
                  <th scope="col" class="sv-right">
                    {s.poorCalls}
                  </th>
                  <th scope="col" class="sv-right">
                    {s.loss}
                  </th>
                  <th scope="col" class="sv-right">
                    {s.jitter}
                  </th>
                  <th scope="col" class="sv-right">
                    {s.rtt}
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.operators.map((o) => (
                  <QualityRow key={`${o.username}-${o.region}`} o={o} showRegion={report.region === null} />
                ))}
              </tbody>
            </table>
          </div>
          <p class="sv-sub sv-quality__legend">{s.legend}</p>
        </>
      )}
    </section>
  );
}

function QualityRow({ o, showRegion }: { o: OperatorQuality; showRegion: boolean }) {
  const poor = isPoor(o);
  return (
    <tr class={poor ? 'sv-quality--poor' : undefined} data-testid="quality-row">
      <th scope="row" class="sv-name">
        {o.displayName || o.username}
        {poor && (
          <span class="sv-badge sv-quality__flag">
            <span aria-hidden="true">⚠ </span>
            {s.poor}
          </span>
        )}
        <span class="sv-sub">
          {o.username}
          {showRegion ? ` · ${o.region}` : ''}
        </span>
      </th>
      <td class="sv-num sv-right">{o.calls}</td>
      <td class={`sv-num sv-right${poor ? ' sv-quality__bad' : ''}`}>{mos.format(o.mosAvg)}</td>
      <td class={`sv-num sv-right${o.mosMin < POOR_MOS ? ' sv-quality__bad' : ''}`}>{mos.format(o.mosMin)}</td>
      <td class="sv-num sv-right">{o.poorCalls}</td>
      <td class="sv-num sv-right">{s.pct(tenths.format(o.lossPct))}</td>
      <td class="sv-num sv-right">{ms(o.jitterMsAvg)}</td>
      <td class="sv-num sv-right">{ms(o.rttMsAvg)}</td>
    </tr>
  );
}
