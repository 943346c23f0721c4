// A figure the wallboard reads again now and then while it is shown (a region's appeals, its queues,
// a day's curve): read at once and every `everyMs`, an answer for an earlier key dropped, the last
// good figure kept through a failed read (its message shown beside it).
import { useEffect, useState } from 'preact/hooks';
import type { ApiResult } from '../shared/api.ts';

export function usePolled<T>(read: () => Promise<ApiResult<T>>, everyMs: number, key: unknown): { data: T | null; error: string } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    let live = true;
    setData(null);
    setError('');
    const once = () =>
      void read().then((x) => {
        if (!live) return;
        if (!x.ok) return setError(x.message);
        setData(x.body);
        setError('');
      });
    once();
    const timer = setInterval(once, everyMs);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [key]);
  return { data, error };
}
