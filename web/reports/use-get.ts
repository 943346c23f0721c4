// A report's data: fetched when its address changes, an answer to an older address dropped.
import { useEffect, useState } from 'preact/hooks';
import { get } from '../shared/api.ts';

export function useGet<T>(path: string): { data: T | null; error: string | null } {
  const [state, setState] = useState<{ path: string; data: T | null; error: string | null }>({ path, data: null, error: null });
  useEffect(() => {
    let live = true;
    setState({ path, data: null, error: null });
    void get<T>(path).then((r) => {
      if (live) setState(r.ok ? { path, data: r.body, error: null } : { path, data: null, error: r.message });
    });
    return () => {
      live = false;
    };
  }, [path]);
  // until the effect has run for a new address, the old answer is not this one's
  return state.path === path ? state : { data: null, error: null };
}
