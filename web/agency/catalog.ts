// What the appeals are filed against, read once when the app opens (all public, no personal data):
// the types (names, fields, deadline rules), the organisations (names, zones; where to redirect)
// and the regions (names, and the zone of an organisation that names none).
import { useEffect, useState } from 'preact/hooks';
import { get } from '../shared/api.ts';
import { zoneOf, type AppealType, type Organisation } from './model.ts';

export interface Catalog {
  types: Map<string, AppealType>;
  organisations: Organisation[];
  byId: Map<number, Organisation>;
  byCode: Map<string, Organisation>;
  regionNames: Map<string, string>;
  /** The zone an organisation's due days end in. */
  zone(organisationId: number): string;
}

const empty: Catalog = { types: new Map(), organisations: [], byId: new Map(), byCode: new Map(), regionNames: new Map(), zone: () => 'Europe/Moscow' };

/** The catalogue (empty until it has come: names then show as codes, which is still usable). */
export function useCatalog(): Catalog {
  const [catalog, setCatalog] = useState<Catalog>(empty);
  useEffect(() => {
    void Promise.all([get('/api/v1/appeal-types'), get('/api/v1/organisations'), get('/api/v1/regions')]).then(([types, orgs, regions]) => {
      const organisations = orgs.ok ? orgs.body.items : [];
      const byId = new Map(organisations.map((o) => [o.id, o]));
      const zones = new Map(regions.ok ? regions.body.items.map((r) => [r.code, r.timezone]) : []);
      setCatalog({
        types: new Map(types.ok ? types.body.items.map((x) => [x.code, x]) : []),
        organisations,
        byId,
        byCode: new Map(organisations.map((o) => [o.code, o])),
        regionNames: new Map(regions.ok ? regions.body.items.map((r) => [r.code, r.name]) : []),
        zone: (id) => zoneOf(byId.get(id), zones),
      });
    });
  }, []);
  return catalog;
}
