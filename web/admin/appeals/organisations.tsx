// The organisations that answer appeals: a federal admin filters by region (or the federal ones), a
// region's admin sees their region's; a search by name or code; each opened to edit, or a new one.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { t } from '../strings.ts';
import { typed } from '../form.tsx';
import { regionLabel, type Catalog, type Organisation, type Rights } from './catalog.ts';
import { OrganisationForm } from './organisation-form.tsx';

const editId = (code: string) => `org-edit-${code}`;

export function Organisations({ catalog, rights, reload }: { catalog: Catalog; rights: Rights; reload: () => void }) {
  // '' every region, 'federal' the federal ones, or a region's code
  const [region, setRegion] = useState(rights.region ?? '');
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState<{ org: Organisation | undefined } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // where the keyboard goes back to when the form closes (an object: the same button twice is two moves)
  const [back, setBack] = useState<{ id: string | null } | null>(null);
  useEffect(() => {
    const el = back?.id ? document.getElementById(back.id) : null;
    // (a new organisation's row comes with the list read again)
    if (el) {
      el.focus();
      setBack(null);
    }
  }, [back, catalog.organisations]);

  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return catalog.organisations.filter(
      (o) =>
        (rights.region ? o.region === rights.region : region === '' || (region === 'federal' ? o.region === null : o.region === region)) &&
        (!q || o.name.toLowerCase().includes(q) || o.code.includes(q) || (o.email ?? '').includes(q)),
    );
  }, [catalog.organisations, region, query, rights.region]);
  const all = rights.region ? catalog.organisations.filter((o) => o.region === rights.region).length : catalog.organisations.length;

  return (
    <section class="card" aria-labelledby="orgs-title">
      <div class="head">
        <h2 id="orgs-title">{rights.region ? t.orgs.yourRegion(regionLabel(catalog.regions, rights.region, t.federal)) : t.orgs.title}</h2>
        <button
          type="button"
          onClick={() => {
            setNotice(null);
            setOpen({ org: undefined });
          }}
        >
          + {t.orgs.add}
        </button>
      </div>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      {open && (
        <OrganisationForm
          key={open.org?.code ?? 'new'}
          organisation={open.org}
          regions={catalog.regions}
          rights={rights}
          onDone={(saved) => {
            const from = open.org ? editId(open.org.code) : null;
            setOpen(null);
            if (saved) {
              setNotice(t.orgs.savedNotice(saved.name));
              reload();
            }
            setBack({ id: saved ? editId(saved.code) : from });
          }}
        />
      )}
      <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        {!rights.region && (
          <div class="filter">
            <label for="orgs-region">{t.region}</label>
            <select id="orgs-region" value={region} onChange={typed(setRegion)}>
              <option value="">{t.allRegions}</option>
              <option value="federal">{t.federalOnly}</option>
              {catalog.regions.map((r) => (
                <option key={r.code} value={r.code}>
                  {r.code} {r.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div class="filter">
          <label for="orgs-search">{t.search}</label>
          <input id="orgs-search" type="search" value={query} onInput={typed(setQuery)} />
        </div>
        <span class="muted" aria-live="polite">
          {t.orgs.count(shown.length, all)}
        </span>
      </form>
      {shown.length === 0 ? (
        <p>{t.orgs.none}</p>
      ) : (
        <table class="stack orgs">
          <thead>
            <tr>
              <th scope="col">{t.orgs.code}</th>
              <th scope="col">{t.orgs.name}</th>
              <th scope="col">{t.orgs.region}</th>
              <th scope="col">{t.orgs.email}</th>
              <th scope="col">{t.orgs.active}</th>
              <th scope="col">
                <span class="sr-only">{t.edit}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((o) => (
              <tr key={o.code} data-org={o.code} class={o.active ? '' : 'inactive'}>
                <td data-label={t.orgs.code}>
                  <code>{o.code}</code>
                </td>
                <td data-label={t.orgs.name}>{o.name}</td>
                <td data-label={t.orgs.region}>{regionLabel(catalog.regions, o.region, t.federal)}</td>
                <td data-label={t.orgs.email}>{o.email ?? '—'}</td>
                <td data-label={t.orgs.active}>{o.active ? t.yes : t.no}</td>
                <td>
                  {rights.organisation(o.region) && (
                    <button
                      type="button"
                      class="secondary"
                      id={editId(o.code)}
                      aria-label={`${t.edit}: ${o.name}`}
                      onClick={() => {
                        setNotice(null);
                        setOpen({ org: o });
                      }}
                    >
                      {t.edit}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
