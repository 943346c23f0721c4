// Where in the editors' app one is, kept in the address's hash (#answers/credit-holidays,
// #answers/new/credit-holidays for a supplement under it, #answers/new?q=… for an answer to what
// people asked, #navigator/measures/…, #queue, #publications, #synonyms), so Back, a reload
// and a link shared with a colleague land on the same screen. Leaving a form with unsaved changes
// asks first (unsaved.ts), the hash is put back when the person stays.
import { useEffect, useState } from 'preact/hooks';
import { confirmLeaving } from './unsaved.ts';

export const sections = ['answers', 'queue', 'publications', 'synonyms', 'navigator'] as const;
export type Section = (typeof sections)[number];
/** The sections in the menu. */
export const menu: Section[] = ['answers', 'queue', 'publications', 'synonyms', 'navigator'];

export interface Place {
  section: Section;
  /** navigator: measures or questions */
  tab?: string;
  /** an answer's slug, an entry's key, or "new" */
  item?: string;
  /** for "new": the federal answer a supplement belongs under */
  parent?: string;
  /** for "new": what people asked (the editors' queue), the new answer's question to start from */
  question?: string;
}

export function parse(hash: string): Place {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?', 2);
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const section = (sections as readonly string[]).includes(parts[0] ?? '') ? (parts[0] as Section) : 'answers';
  if (section === 'navigator') {
    const tab = parts[1] === 'questions' ? 'questions' : 'measures';
    return { section, tab, ...(parts[2] ? { item: parts[2] } : {}) };
  }
  if (section !== 'answers') return { section };
  const question = parts[1] === 'new' ? new URLSearchParams(query).get('q')?.trim().slice(0, 500) : undefined;
  return { section, ...(parts[1] ? { item: parts[1] } : {}), ...(parts[1] === 'new' && parts[2] ? { parent: parts[2] } : {}), ...(question ? { question } : {}) };
}

export const href = (p: Place) =>
  `#${[p.section, ...(p.tab ? [p.tab] : []), ...(p.item ? [p.item] : []), ...(p.parent ? [p.parent] : [])].map(encodeURIComponent).join('/')}${p.question ? `?${new URLSearchParams({ q: p.question })}` : ''}`;

export function go(p: Place): void {
  location.hash = href(p);
}

/** The current place, following the hash; a move away from unsaved changes is asked about first. */
export function usePlace(): Place {
  const [place, setPlace] = useState(() => parse(location.hash));
  useEffect(() => {
    let shown = location.hash;
    const on = () => {
      if (location.hash === shown) return;
      if (!confirmLeaving()) {
        // (replaceState: putting the hash back must not itself ask again, nor add to the history)
        history.replaceState(null, '', shown || location.pathname);
        return;
      }
      shown = location.hash;
      setPlace(parse(location.hash));
    };
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return place;
}
