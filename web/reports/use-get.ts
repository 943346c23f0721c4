// A report's data: fetched when its address changes, an answer to an older address dropped.
import { useEffect, useState } from 'preact/hooks';
import { apiUrl, request } from '../shared/api.ts';
import type { Answer, PathsOf, RequestArgs } from '../shared/api-types.ts';

export function useGet<P extends PathsOf<'get'>>(path: P, ...args: RequestArgs<P, 'get'>): { data: Answer<P> | null; error: string | null } {
  const url = apiUrl(path, args[0]);
  const [state, setState] = useState<{ url: string; data: Answer<P> | null; error: string | null }>({ url, data: null, error: null });
  useEffect(() => {
    let live = true;
    setState({ url, data: null, error: null });
    void request<Answer<P>>('GET', url).then((r) => {
      if (live) setState(r.ok ? { url, data: r.body, error: null } : { url, data: null, error: r.message });
    });
    return () => {
      live = false;
    };
  }, [url]);
  // until the effect has run for a new address, the old answer is not this one's
  return state.url === url ? state : { data: null, error: null };
}
