// What the «Обращения» section reads: the appeal types (inactive ones too), organisations, routes
// and regions, loaded together and again after a change; and what the signed-in admin may change
// (the API decides; these only hide controls that would be refused).
import { useCallback, useEffect, useState } from 'preact/hooks';
import { get } from '../../shared/api.ts';
import type { Answer } from '../../shared/api-types.ts';
import type { User } from '../../shared/session.ts';

export type AppealType = Answer<'/api/v1/appeal-types'>['items'][number];
export type TypeField = AppealType['fields'][number];
export type Organisation = Answer<'/api/v1/organisations'>['items'][number];
export type Route = Answer<'/api/v1/appeal-routes'>['items'][number];
export type Region = Answer<'/api/v1/regions'>['items'][number];

export interface Catalog {
  types: AppealType[];
  organisations: Organisation[];
  routes: Route[];
  regions: Region[];
}

export function useCatalog(): { catalog: Catalog | null; error: string | null; reload: () => void } {
  const [state, setState] = useState<{ catalog: Catalog | null; error: string | null }>({ catalog: null, error: null });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    void Promise.all([get('/api/v1/appeal-types', { query: { includeInactive: 'true' } }), get('/api/v1/organisations'), get('/api/v1/appeal-routes'), get('/api/v1/regions')]).then(
      ([types, organisations, routes, regions]) => {
        if (!live) return;
        const failed = [types, organisations, routes, regions].find((r) => !r.ok);
        if (failed && !failed.ok) return setState((s) => ({ catalog: s.catalog, error: failed.message }));
        if (types.ok && organisations.ok && routes.ok && regions.ok)
          setState({ catalog: { types: types.body.items, organisations: organisations.body.items, routes: routes.body.items, regions: regions.body.items }, error: null });
      },
    );
    return () => {
      live = false;
    };
  }, [attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, reload };
}

/** What the admin may change: types are federal; organisations and routes their region's (the default route "*" federal). */
export interface Rights {
  federal: boolean;
  /** the admin's region, or null for a federal admin */
  region: string | null;
  types: boolean;
  organisation(region: string | null): boolean;
  route(region: string): boolean;
}

export function rightsOf(user: User): Rights {
  const admin = user.role === 'admin';
  const federal = user.region === 'federal';
  return {
    federal,
    region: federal ? null : user.region,
    types: admin && federal,
    organisation: (region) => admin && (federal || region === user.region),
    route: (region) => admin && (federal || (region !== '*' && region === user.region)),
  };
}

/** "77 Москва"; "федеральная" for null. */
export const regionLabel = (regions: Region[], code: string | null, federalName: string) => (code === null ? federalName : `${code} ${regions.find((r) => r.code === code)?.name ?? ''}`.trim());
