// «Регионы»: the 85 regions, filtered by name or code and by federal district, each opening its
// call centre's settings (#regions/77); a federal admin also keeps the federal values every region
// follows unless it sets its own (#regions/federal). A region's admin sees their own region only.
import { useMemo, useState } from 'preact/hooks';
import { typed } from '../form.tsx';
import { href } from '../route.ts';
import { t } from '../strings.ts';
import { DefaultsForm } from './defaults-form.tsx';
import { RegionSettingsEditor } from './region-settings.tsx';
import { s } from './strings.ts';
import { useRegions, type Region } from './use-regions.ts';

/** The region's clock now, «14:05». */
const localTime = (r: Region) => new Date(Date.now() + r.utcOffsetMinutes * 60_000).toISOString().slice(11, 16);

export function RegionsSection({ ownRegion, item }: { ownRegion: string | null; item: string | undefined }) {
  const { regions, error, retry } = useRegions(ownRegion);
  const [search, setSearch] = useState('');
  const [district, setDistrict] = useState('');
  const districts = useMemo(() => [...new Set((regions ?? []).map((r) => r.federalDistrict))].sort((x, y) => x.localeCompare(y, 'ru')), [regions]);
  const shown = useMemo(() => {
    const q = search.trim().toLowerCase();
    return (regions ?? []).filter((r) => (!district || r.federalDistrict === district) && (!q || r.code.startsWith(q) || r.name.toLowerCase().includes(q)));
  }, [regions, search, district]);

  if (item === 'federal' && ownRegion === null) return <DefaultsForm />;
  if (item) {
    const region = regions?.find((r) => r.code === item);
    return <RegionSettingsEditor key={item} code={item} name={region?.name} />;
  }
  return (
    <section class="card" aria-labelledby="regions-title">
      <div class="head">
        <h2 id="regions-title">{s.regions.title}</h2>
        {ownRegion === null && (
          <a class="button" href={href({ section: 'regions', tab: 'types', item: 'federal' })}>
            {s.defaults.open}
          </a>
        )}
      </div>
      <p>{s.regions.intro}</p>
      {error && (
        <p class="error" role="alert">
          {error}{' '}
          <button type="button" class="secondary" onClick={retry}>
            {t.retry}
          </button>
        </p>
      )}
      {ownRegion === null && (
        <form class="filters" role="search" aria-label={s.regions.title} onSubmit={(e) => e.preventDefault()}>
          <div class="filter">
            <label for="regions-search">{s.regions.search}</label>
            <input id="regions-search" type="search" value={search} onInput={typed(setSearch)} autoComplete="off" />
          </div>
          <div class="filter">
            <label for="regions-district">{s.regions.district}</label>
            <select id="regions-district" value={district} onChange={typed(setDistrict)}>
              <option value="">{s.regions.anyDistrict}</option>
              {districts.map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </select>
          </div>
        </form>
      )}
      {regions === null && !error ? (
        <p>{t.loading}</p>
      ) : (
        <>
          <p aria-live="polite">{s.regions.count(shown.length)}</p>
          {shown.length === 0 ? (
            <p>{s.regions.none}</p>
          ) : (
            <table class="stack regions">
              <thead>
                <tr>
                  <th scope="col">{s.regions.code}</th>
                  <th scope="col">{s.regions.name}</th>
                  <th scope="col">{s.regions.district}</th>
                  <th scope="col">{s.regions.timezone}</th>
                  <th scope="col">{s.regions.localTime}</th>
                  <th scope="col">
                    <span class="sr-only">{s.regions.open}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.map((r) => (
                  <tr key={r.code} data-region={r.code}>
                    <td data-label={s.regions.code}>{r.code}</td>
                    <td data-label={s.regions.name}>{r.name}</td>
                    <td data-label={s.regions.district}>{r.federalDistrict}</td>
                    <td data-label={s.regions.timezone}>
                      {r.timezone} ({s.regions.utc(r.utcOffsetMinutes)})
                    </td>
                    <td data-label={s.regions.localTime}>{localTime(r)}</td>
                    <td>
                      <a href={href({ section: 'regions', tab: 'types', item: r.code })} aria-label={s.regions.openLabel(r.name)}>
                        {s.regions.open}
                      </a>
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
