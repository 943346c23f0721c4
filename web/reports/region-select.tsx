// The region picker of federal staff: every region by code and name, optionally "all regions".
import { t } from './strings.ts';

export function RegionSelect(p: { value: string; regions: { code: string; name: string }[]; onChange: (code: string) => void; all?: boolean }) {
  return (
    <label>
      {t.region}{' '}
      <select value={p.value} onChange={(e) => p.onChange((e.target as HTMLSelectElement).value)}>
        {p.all && <option value="">{t.allRegions}</option>}
        {p.regions.map((r) => (
          <option key={r.code} value={r.code}>
            {r.code} {r.name}
          </option>
        ))}
      </select>
    </label>
  );
}
