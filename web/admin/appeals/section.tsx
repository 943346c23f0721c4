// «Обращения»: appeal types, organisations, the routing table and agency officers, each a tab of
// the section (in the address: #appeals/<tab>), over one reading of the catalogue.
import { useEffect, useState } from 'preact/hooks';
import { go, href, type AppealTab, type Place } from '../route.ts';
import { t } from '../strings.ts';
import { useCatalog, type Rights } from './catalog.ts';
import { Officers } from './officers.tsx';
import { Organisations } from './organisations.tsx';
import { RoutesTable } from './routes-table.tsx';
import { TypeEditor } from './type-editor.tsx';
import { TypesList } from './types-list.tsx';

const tabs: AppealTab[] = ['types', 'organisations', 'routes', 'officers'];

export function AppealsSection({ place, rights }: { place: Place; rights: Rights }) {
  const { catalog, error, reload } = useCatalog();
  const [notice, setNotice] = useState<string | null>(null);
  // (a saved type's notice is said once, back at the list)
  useEffect(() => {
    if (place.item) setNotice(null);
  }, [place.item]);
  const editing = place.tab === 'types' && place.item !== undefined && rights.types;
  return (
    <>
      <nav class="subnav" aria-label={t.appeals.nav}>
        {tabs.map((x) => (
          <a key={x} href={href({ section: 'appeals', tab: x })} aria-current={place.tab === x ? 'page' : undefined} onClick={() => setNotice(null)}>
            {t.appeals.tabs[x]}
          </a>
        ))}
      </nav>
      {error && (
        <p class="error" role="alert">
          {error}{' '}
          <button type="button" class="link" onClick={reload}>
            {t.retry}
          </button>
        </p>
      )}
      {!catalog ? (
        !error && <p aria-busy="true">{t.loading}</p>
      ) : place.tab === 'organisations' ? (
        <Organisations catalog={catalog} rights={rights} reload={reload} />
      ) : place.tab === 'routes' ? (
        <RoutesTable catalog={catalog} rights={rights} reload={reload} />
      ) : place.tab === 'officers' ? (
        <Officers catalog={catalog} rights={rights} />
      ) : editing ? (
        place.item === 'new' || catalog.types.some((x) => x.code === place.item) ? (
          <>
            <a href={href({ section: 'appeals', tab: 'types' })}>{t.types.back}</a>
            <TypeEditor
              key={place.item}
              type={catalog.types.find((x) => x.code === place.item)}
              onSaved={(_code, name) => {
                setNotice(t.types.savedNotice(name));
                reload();
                go({ section: 'appeals', tab: 'types' });
              }}
            />
          </>
        ) : (
          <p class="error" role="alert">
            {t.types.notFound} <a href={href({ section: 'appeals', tab: 'types' })}>{t.types.back}</a>
          </p>
        )
      ) : (
        <TypesList types={catalog.types} rights={rights} notice={notice} />
      )}
    </>
  );
}
