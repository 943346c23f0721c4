// The region a section shows (#queues/77, #ivr/77): a federal admin picks it from the list, a
// region's admin has their own.
import { typed } from '../form.tsx';
import { go, type Section } from '../route.ts';
import { s } from './strings.ts';
import type { Region } from './use-regions.ts';

export function RegionPicker(p: { id: string; section: Section; regions: Region[] | null; value: string; extra?: { value: string; label: string }[] }) {
  return (
    <div class="filter">
      <label for={p.id}>{s.pickRegion}</label>
      <select id={p.id} value={p.value} onChange={typed((v) => go({ section: p.section, tab: 'types', ...(v ? { item: v } : {}) }))}>
        {(p.extra ?? []).map((x) => (
          <option key={x.value} value={x.value}>
            {x.label}
          </option>
        ))}
        {(p.regions ?? []).map((r) => (
          <option key={r.code} value={r.code}>
            {r.code} {r.name}
          </option>
        ))}
      </select>
    </div>
  );
}
