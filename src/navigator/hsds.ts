// The navigator's catalogue as Open Referral HSDS 3.0: each measure a service, each provider an
// organization, the category and the knowledge-base answers as taxonomy terms linked by attributes.
// Ids are UUID v5 of the catalogue's own names under one namespace, so a consumer that harvests the
// export again (or from another server) recognises every record.
import { v5 as uuidv5 } from 'uuid';
import type { Measure, NavigatorCatalog } from './catalog-schema.ts';
import type { HsdsAttribute, HsdsOrganization, HsdsService, HsdsServiceListItem, HsdsServicePage } from './hsds-schema.ts';

/** The namespace of every id of the export. Never change it: consumers keep the ids it makes. */
export const HSDS_NAMESPACE = '4d5c2092-1de0-4d99-8291-cb54c81b4d5e';

type Kind = 'service' | 'organization' | 'category' | 'answer' | 'attribute';
// (the kind in the name keeps a measure and a provider, or a category and an answer, of the same name apart)
const idOf = (kind: Kind, name: string) => uuidv5(`${kind}:${name}`, HSDS_NAMESPACE);

/** The service id of a measure. */
export const hsdsServiceId = (measureId: string) => idOf('service', measureId);
/** The organization id of a provider. */
export const hsdsOrganizationId = (provider: string) => idOf('organization', provider);

const CATEGORIES = 'otvet: категории мер поддержки';
const ANSWERS = 'otvet: ответы базы знаний';

function organizations(measures: Measure[]): Map<string, HsdsOrganization> {
  const titles = new Map<string, string[]>();
  for (const m of measures) titles.set(m.provider, [...(titles.get(m.provider) ?? []), m.title]);
  return new Map([...titles].map(([provider, list]) => [provider, { id: hsdsOrganizationId(provider), name: provider, description: `Предоставляет меры поддержки: ${list.join('; ')}.` }]));
}

/** The HSDS API reference's filters of /services that the export supports (ids in lower case). */
export interface HsdsFilter {
  organizationId?: string | undefined;
  taxonomyTermId?: string | undefined;
}

export class HsdsExport {
  /** Every service, in the catalogue's order. */
  readonly services: readonly HsdsService[];
  private readonly items: readonly HsdsServiceListItem[];
  private readonly byId: ReadonlyMap<string, HsdsService>;

  /** publicUrl: the portal's address (no trailing slash), for the answers' pages. */
  constructor(catalog: NavigatorCatalog, publicUrl: string) {
    const orgs = organizations(catalog.measures);
    const answerUrl = (slug: string) => `${publicUrl}/answers/${encodeURIComponent(slug)}`;
    const items: HsdsServiceListItem[] = [];
    const services: HsdsService[] = [];
    for (const m of catalog.measures) {
      const org = orgs.get(m.provider)!;
      const id = hsdsServiceId(m.id);
      const item: HsdsServiceListItem = {
        id,
        organization_id: org.id,
        name: m.title,
        description: m.summary,
        ...(m.answer_ids[0] === undefined ? {} : { url: answerUrl(m.answer_ids[0]) }),
        status: 'active',
        application_process: m.how_to_apply,
        organization: org,
      };
      const link = (type: HsdsAttribute['link_type'], term: HsdsAttribute['taxonomy_term']): HsdsAttribute => ({
        id: idOf('attribute', `${m.id}/${type}/${term.id}`),
        link_id: id,
        link_type: type,
        link_entity: 'service',
        taxonomy_term_id: term.id,
        taxonomy_term: term,
      });
      const attributes = [
        link('category', { id: idOf('category', m.category), name: m.category, description: `Категория мер поддержки «${m.category}»`, taxonomy: CATEGORIES }),
        ...m.answer_ids.map((slug) =>
          link('knowledge_answer', { id: idOf('answer', slug), code: slug, name: slug, description: 'Ответ базы знаний о мере', taxonomy: ANSWERS, term_uri: answerUrl(slug) }),
        ),
      ];
      items.push(item);
      services.push({ ...item, attributes });
    }
    this.items = items;
    this.services = services;
    this.byId = new Map(services.map((s) => [s.id, s]));
  }

  /** One service by its id (with its attributes), or undefined. */
  service(id: string): HsdsService | undefined {
    return this.byId.get(id);
  }

  /**
   * Page `page` (from 1) of `perPage` services as the HSDS API's /services answers it, of those the
   * filter allows (by organization, by a taxonomy term of their attributes); past the last page, an empty one.
   */
  page(page: number, perPage: number, filter: HsdsFilter = {}): HsdsServicePage {
    const { organizationId: org, taxonomyTermId: term } = filter;
    const chosen =
      org === undefined && term === undefined
        ? this.items
        : this.services.flatMap((s, i) => ((org === undefined || s.organization_id === org) && (term === undefined || s.attributes.some((a) => a.taxonomy_term_id === term)) ? [this.items[i]!] : []));
    const total = chosen.length;
    const totalPages = Math.ceil(total / perPage);
    const contents = chosen.slice((page - 1) * perPage, page * perPage);
    return {
      total_items: total,
      total_pages: totalPages,
      page_number: page,
      size: contents.length,
      first_page: page === 1,
      // (with no services at all, page 1 is both the first and the last)
      last_page: page >= totalPages,
      empty: contents.length === 0,
      contents,
    };
  }
}
