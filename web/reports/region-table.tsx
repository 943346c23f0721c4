// The regions over a span against their norms: sorted by any column (a header's button; again for
// the other way), found by name or code, and narrowed to those that missed their norms.
import { useState } from 'preact/hooks';
import type { Answer } from '../shared/api-types.ts';
import { count, percent } from './format.ts';
import { t } from './strings.ts';

type Row = Answer<'/api/v1/reports/regions'>['items'][number];
type Key = 'region' | 'offered' | 'serviceLevel' | 'meetsNorms';
const rt = t.regionTable;

/** How a column orders its rows, ascending (no service level and no calls go last either way). */
const orders: Record<Key, (a: Row, b: Row) => number> = {
  region: (a, b) => a.name.localeCompare(b.name, 'ru'),
  offered: (a, b) => a.offered - b.offered,
  serviceLevel: (a, b) => (a.serviceLevel ?? -1) - (b.serviceLevel ?? -1),
  meetsNorms: (a, b) => Number(a.meetsNorms ?? -1) - Number(b.meetsNorms ?? -1),
};

export function sortRows(rows: readonly Row[], key: Key, descending: boolean): Row[] {
  const blank = (r: Row) => (key === 'serviceLevel' && r.serviceLevel === null) || (key === 'meetsNorms' && r.meetsNorms === null);
  return [...rows].sort((a, b) => Number(blank(a)) - Number(blank(b)) || (descending ? -1 : 1) * orders[key](a, b) || a.region.localeCompare(b.region));
}

export function RegionTable({ rows }: { rows: readonly Row[] }) {
  const [sort, setSort] = useState<{ key: Key; descending: boolean }>({ key: 'offered', descending: true });
  const [text, setText] = useState('');
  const [missingOnly, setMissingOnly] = useState(false);
  const words = text.trim().toLowerCase().replaceAll('ё', 'е');
  const shown = sortRows(
    rows.filter((r) => (!words || r.region.startsWith(words) || r.name.toLowerCase().replaceAll('ё', 'е').includes(words)) && (!missingOnly || r.meetsNorms === false)),
    sort.key,
    sort.descending,
  );
  const header = (key: Key, label: string, num = false) => (
    <th scope="col" class={num ? 'num' : undefined} aria-sort={sort.key === key ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
      <button type="button" class="sort" onClick={() => setSort((s) => ({ key, descending: s.key === key ? !s.descending : key !== 'region' }))}>
        {label} <span aria-hidden="true">{sort.key === key ? (sort.descending ? '▼' : '▲') : '↕'}</span>
      </button>
    </th>
  );
  return (
    <>
      <div class="table-filters">
        <label>
          {rt.find} <input type="search" value={text} onInput={(e) => setText((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          <input type="checkbox" checked={missingOnly} onChange={(e) => setMissingOnly((e.target as HTMLInputElement).checked)} /> {rt.missingOnly}
        </label>
        <span class="quiet" role="status">
          {rt.shown(shown.length, rows.length)}
        </span>
      </div>
      <table class="regions">
        <thead>
          <tr>
            {header('region', t.region)}
            {header('offered', t.calls, true)}
            {header('serviceLevel', t.sl, true)}
            {header('meetsNorms', t.complianceTitle)}
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <tr key={r.region} data-region={r.region}>
              <td>
                <span class="code">{r.region}</span> {r.name}
              </td>
              <td class="num">{count(r.offered)}</td>
              <td class="num">{percent(r.serviceLevel)}</td>
              <td class={r.meetsNorms === null ? 'quiet' : r.meetsNorms ? 'ok' : 'bad'}>{r.meetsNorms === null ? t.noData : r.meetsNorms ? `✓ ${t.meets}` : `✗ ${t.misses}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
