// Where in the admin app one is, kept in the address's hash (#appeals/types/volunteer, #users) so
// that the back button, a reload and a link each land on the same screen.
import { useEffect, useState } from 'preact/hooks';

/** The app's sections; the first is where one lands. */
export const sections = ['appeals', 'regions', 'queues', 'ivr', 'users', 'tokens', 'audit'] as const;
export type Section = (typeof sections)[number];

/** The sections of one region's call centre, whose address may name the region (#regions/77). */
const regional: readonly string[] = ['regions', 'queues', 'ivr'];

export const appealTabs = ['types', 'organisations', 'routes', 'officers'] as const;
export type AppealTab = (typeof appealTabs)[number];

export interface Place {
  section: Section;
  tab: AppealTab;
  /** an appeal type's code, or "new"; a region's code in «Регионы», «Очереди», «Меню IVR» */
  item?: string;
  /** the audit log of one object (#audit/user/7) */
  target?: { type: string; id: string };
}

export function parse(hash: string): Place {
  const [section, tab, item] = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  // (only «Обращения» has tabs: the others' address is their name)
  if (section === 'audit' && tab && item) return { section, tab: 'types', target: { type: tab, id: item } };
  if (regional.includes(section ?? '')) return { section: section as Section, tab: 'types', ...(tab && /^(\d{2}|federal)$/.test(tab) ? { item: tab } : {}) };
  if (section !== 'appeals' && (sections as readonly string[]).includes(section ?? '')) return { section: section as Section, tab: 'types' };
  return {
    section: (sections as readonly string[]).includes(section ?? '') ? (section as Section) : 'appeals',
    tab: (appealTabs as readonly string[]).includes(tab ?? '') ? (tab as AppealTab) : 'types',
    ...(item ? { item } : {}),
  };
}

const parts = (p: Place) =>
  p.section === 'appeals'
    ? [p.section, p.tab, ...(p.item ? [p.item] : [])]
    : p.target
      ? [p.section, p.target.type, p.target.id]
      : [p.section, ...(p.item && regional.includes(p.section) ? [p.item] : [])];

export const href = (p: Place) => `#${parts(p).map(encodeURIComponent).join('/')}`;

export function go(p: Place): void {
  location.hash = href(p);
}

/** The current place, following the hash. */
export function usePlace(): Place {
  const [place, setPlace] = useState(() => parse(location.hash));
  useEffect(() => {
    const on = () => setPlace(parse(location.hash));
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return place;
}
