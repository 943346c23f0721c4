// The app's frame: the header, and either the list or one appeal, chosen by the address
// (#/<number>: a link to share with a colleague, the browser's Back returns to the list).
import { useEffect, useState } from 'preact/hooks';
import { Header } from '../shared/login.tsx';
import type { User } from '../shared/session.ts';
import { AppealView } from './appeal.tsx';
import { useCatalog } from './catalog.ts';
import { AppealList, type Filters } from './list.tsx';
import { t } from './strings.ts';

const numberIn = (hash: string) => /^#\/(122-\d{4}-\d{6})$/.exec(hash)?.[1] ?? null;

export function AgencyApp({ user }: { user: User }) {
  const catalog = useCatalog();
  // (cameFrom: the appeal last open, so that back at the list it is in focus again)
  const [route, setRoute] = useState(() => ({ number: numberIn(location.hash), cameFrom: null as string | null }));
  // (kept while an appeal is open: back at the list, the same choice)
  const [filters, setFilters] = useState<Filters>({ status: 'open', due: '' });
  useEffect(() => {
    const onHash = () =>
      setRoute((r) => {
        const number = numberIn(location.hash);
        return { number, cameFrom: number ? r.cameFrom : (r.number ?? r.cameFrom) };
      });
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  const { number, cameFrom } = route;
  useEffect(() => {
    document.title = `${number ? t.appeal.heading(number) : t.title} — Ответ`;
  }, [number]);
  return (
    <>
      <Header title={t.title} user={user} />
      {number ? <AppealView key={number} number={number} catalog={catalog} user={user} /> : <AppealList filters={filters} onFilters={setFilters} catalog={catalog} cameFrom={cameFrom} />}
    </>
  );
}
