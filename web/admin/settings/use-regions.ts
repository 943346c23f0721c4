// The regions an admin works with: all 85 for a federal admin, their own for a region's admin (the
// API would refuse the others' settings anyway; the list does not offer them).
import { useCallback, useEffect, useState } from 'preact/hooks';
import { get } from '../../shared/api.ts';
import type { Schema } from '../../shared/api-types.ts';

export type Region = Schema<'Region'>;

export function useRegions(ownRegion: string | null): { regions: Region[] | null; error: string | null; retry: () => void } {
  const [regions, setRegions] = useState<Region[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    void get('/api/v1/regions').then((r) => {
      if (!live) return;
      if (!r.ok) return setError(r.message);
      setError(null);
      setRegions(r.body.items.filter((x) => ownRegion === null || x.code === ownRegion));
    });
    return () => {
      live = false;
    };
  }, [attempt, ownRegion]);
  return { regions, error, retry: useCallback(() => setAttempt((n) => n + 1), []) };
}

/** «77 Москва», or the code alone while the names are not known. */
export const regionTitle = (regions: Region[] | null, code: string, reserve: string) => (code === 'federal' ? reserve : `${code} ${regions?.find((r) => r.code === code)?.name ?? ''}`.trim());
