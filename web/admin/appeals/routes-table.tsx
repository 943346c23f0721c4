// The routing table: which organisation answers a type in a region ("*": every region without a row
// of its own), filtered by type and region; a route changed in its row, or one set for a region that
// has none yet. A region's admin sees their region's rows and the default ones, and changes theirs.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { put } from '../../shared/api.ts';
import { typed } from '../form.tsx';
import { problemText } from '../problems.ts';
import { t } from '../strings.ts';
import type { Catalog, Organisation, Rights, Route } from './catalog.ts';

const rowId = (r: { type: string; region: string }) => `route-${r.type}-${r.region === '*' ? 'all' : r.region}`;

/** The organisations a route of this region may name: the region's own and the federal ones (and the current one, whatever it is). */
function OrganisationOptions({ catalog, region, current }: { catalog: Catalog; region: string; current?: string }) {
  const active = catalog.organisations.filter((o) => o.active || o.code === current);
  const own = region === '*' ? [] : active.filter((o) => o.region === region);
  const federal = active.filter((o) => o.region === null);
  const other = active.filter((o) => o.code === current && !own.includes(o) && !federal.includes(o));
  const group = (label: string, list: Organisation[]) =>
    list.length > 0 && (
      <optgroup label={label}>
        {list.map((o) => (
          <option key={o.code} value={o.code}>
            {o.name}
          </option>
        ))}
      </optgroup>
    );
  return (
    <>
      {group(t.routes.regionOwn(region), own)}
      {group(t.routes.federalOrgs, federal)}
      {group(t.routes.otherOrgs, other)}
    </>
  );
}

export function RoutesTable({ catalog, rights, reload }: { catalog: Catalog; rights: Rights; reload: () => void }) {
  const [type, setType] = useState('');
  // '' every region, '*' the default rows, or a region's code
  const [region, setRegion] = useState('');
  const [editing, setEditing] = useState<{ route: Route; organisation: string } | null>(null);
  const [adding, setAdding] = useState({ type: catalog.types[0]?.code ?? '', region: rights.region ?? '*', organisation: '' });
  const [status, setStatus] = useState<{ text: string; bad: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const [focus, setFocus] = useState<string | null>(null);
  useEffect(() => {
    const el = focus ? document.getElementById(focus) : null;
    if (el) {
      el.focus();
      setFocus(null);
    }
  }, [focus, catalog.routes, editing]);

  const typeName = (code: string) => catalog.types.find((x) => x.code === code)?.name ?? code;
  const regionName = (code: string) => (code === '*' ? t.routes.everyOther : `${code} ${catalog.regions.find((r) => r.code === code)?.name ?? ''}`.trim());
  const orgName = (code: string) => catalog.organisations.find((o) => o.code === code)?.name ?? code;

  const shown = useMemo(
    () =>
      catalog.routes
        .filter((r) => (!rights.region || r.region === rights.region || r.region === '*') && (!type || r.type === type) && (!region || r.region === region))
        .sort((a, b) => a.type.localeCompare(b.type) || (a.region === '*' ? -1 : b.region === '*' ? 1 : a.region.localeCompare(b.region))),
    [catalog.routes, type, region, rights.region],
  );

  const save = async (r: Route, after: string) => {
    setBusy(true);
    const res = await put('/api/v1/appeal-routes', { body: r });
    setBusy(false);
    if (!res.ok) return setStatus({ text: problemText(res), bad: true });
    setStatus({ text: t.routes.savedNotice(typeName(r.type), regionName(r.region), orgName(r.organisation)), bad: false });
    setEditing(null);
    reload();
    setFocus(after);
  };

  return (
    <section class="card" aria-labelledby="routes-title">
      <div class="head">
        <h2 id="routes-title">{t.routes.title}</h2>
      </div>
      <p class="muted">{t.routes.intro}</p>
      {status && (
        <p class={status.bad ? 'error' : 'notice'} role={status.bad ? 'alert' : 'status'}>
          {status.text}
        </p>
      )}
      <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <div class="filter">
          <label for="routes-type">{t.routes.type}</label>
          <select id="routes-type" value={type} onChange={typed(setType)}>
            <option value="">{t.routes.allTypes}</option>
            {catalog.types.map((x) => (
              <option key={x.code} value={x.code}>
                {x.name}
              </option>
            ))}
          </select>
        </div>
        <div class="filter">
          <label for="routes-region">{t.routes.region}</label>
          <select id="routes-region" value={region} onChange={typed(setRegion)}>
            <option value="">{t.allRegions}</option>
            <option value="*">{t.routes.everyOther}</option>
            {catalog.regions
              .filter((r) => !rights.region || r.code === rights.region)
              .map((r) => (
                <option key={r.code} value={r.code}>
                  {r.code} {r.name}
                </option>
              ))}
          </select>
        </div>
        <span class="muted" aria-live="polite">
          {t.routes.count(shown.length)}
        </span>
      </form>
      {shown.length === 0 ? (
        <p>{t.routes.none}</p>
      ) : (
        <table class="stack routes">
          <thead>
            <tr>
              <th scope="col">{t.routes.type}</th>
              <th scope="col">{t.routes.region}</th>
              <th scope="col">{t.routes.organisation}</th>
              <th scope="col">
                <span class="sr-only">{t.edit}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => {
              const open = editing && editing.route.type === r.type && editing.route.region === r.region;
              const selectId = `${rowId(r)}-org`;
              return (
                <tr key={rowId(r)} id={rowId(r)} data-route={`${r.type}/${r.region}`}>
                  <td data-label={t.routes.type}>{typeName(r.type)}</td>
                  <td data-label={t.routes.region}>{regionName(r.region)}</td>
                  <td data-label={t.routes.organisation}>
                    {open ? (
                      <>
                        <label for={selectId} class="sr-only">
                          {t.routes.organisation}
                        </label>
                        <select id={selectId} value={editing.organisation} onChange={typed((v) => setEditing({ ...editing, organisation: v }))}>
                          <OrganisationOptions catalog={catalog} region={r.region} current={r.organisation} />
                        </select>
                      </>
                    ) : (
                      orgName(r.organisation)
                    )}
                  </td>
                  <td class="row-actions">
                    {open ? (
                      <>
                        <button type="button" disabled={busy} onClick={() => void save({ ...r, organisation: editing.organisation }, `${rowId(r)}-edit`)}>
                          {t.save}
                        </button>
                        <button
                          type="button"
                          class="secondary"
                          onClick={() => {
                            setEditing(null);
                            setFocus(`${rowId(r)}-edit`);
                          }}
                        >
                          {t.cancel}
                        </button>
                      </>
                    ) : (
                      rights.route(r.region) && (
                        <button
                          type="button"
                          class="secondary"
                          id={`${rowId(r)}-edit`}
                          aria-label={t.routes.change(typeName(r.type), regionName(r.region))}
                          onClick={() => {
                            setStatus(null);
                            setEditing({ route: r, organisation: r.organisation });
                            setFocus(selectId);
                          }}
                        >
                          {t.edit}
                        </button>
                      )
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <form
        class="card inset add-route"
        aria-labelledby="route-add-title"
        onSubmit={(e) => {
          e.preventDefault();
          void save(adding, 'route-add-type');
        }}
      >
        <h3 id="route-add-title">{t.routes.newTitle}</h3>
        <div class="filters">
          <div class="filter">
            <label for="route-add-type">{t.routes.type}</label>
            <select id="route-add-type" value={adding.type} onChange={typed((v) => setAdding({ ...adding, type: v }))}>
              {catalog.types.map((x) => (
                <option key={x.code} value={x.code}>
                  {x.name}
                </option>
              ))}
            </select>
          </div>
          <div class="filter">
            <label for="route-add-region">{t.routes.region}</label>
            <select id="route-add-region" value={adding.region} onChange={typed((v) => setAdding({ ...adding, region: v, organisation: '' }))} disabled={!!rights.region}>
              {!rights.region && <option value="*">{t.routes.everyOther}</option>}
              {catalog.regions
                .filter((r) => !rights.region || r.code === rights.region)
                .map((r) => (
                  <option key={r.code} value={r.code}>
                    {r.code} {r.name}
                  </option>
                ))}
            </select>
          </div>
          <div class="filter">
            <label for="route-add-org">{t.routes.organisation}</label>
            <select id="route-add-org" value={adding.organisation} onChange={typed((v) => setAdding({ ...adding, organisation: v }))} required>
              <option value="">{t.officers.choose}</option>
              <OrganisationOptions catalog={catalog} region={adding.region} />
            </select>
          </div>
          <button type="submit" disabled={busy || !adding.organisation || !adding.type}>
            {t.routes.assign}
          </button>
        </div>
      </form>
    </section>
  );
}
