// /api/v1/navigator/hsds/services: the support measures as Open Referral HSDS 3.0 (docs/navigator.md,
// «HSDS»), paginated as the HSDS API reference's /services. Public like the portal: the catalogue
// holds no personal data.
import { z } from 'zod';
import { notFound } from '../platform/errors.ts';
import { INT32_MAX, problems, publicSecurity } from '../platform/http/schemas.ts';
import type { App } from '../platform/http/types.ts';
import type { NavigatorCatalog } from './catalog-schema.ts';
import { HsdsExport } from './hsds.ts';
import { hsdsServicePageSchema, hsdsServiceSchema } from './hsds-schema.ts';

/** Services per page when the query does not say, and the most a page holds. */
export const HSDS_PER_PAGE = 50;
export const HSDS_PER_PAGE_MAX = 500;

export interface NavigatorHsdsDeps {
  /** The catalogue published now (it changes when editors publish). */
  catalog: () => NavigatorCatalog;
  /** The portal's address, for the knowledge-base answers' pages. */
  publicUrl: string;
}

export function navigatorHsdsRoutes(app: App, deps: NavigatorHsdsDeps) {
  // (the export of a catalogue is made once, at its first request)
  const exports = new WeakMap<NavigatorCatalog, HsdsExport>();
  const current = () => {
    const catalog = deps.catalog();
    let e = exports.get(catalog);
    if (!e) exports.set(catalog, (e = new HsdsExport(catalog, deps.publicUrl)));
    return e;
  };
  const tags = ['navigator'];
  // Nobody's session matters here: none is looked up.
  const config = { principal: false };

  app.get('/api/v1/navigator/hsds/services', {
    config,
    schema: {
      tags,
      security: publicSecurity,
      summary: 'Support measures as Open Referral HSDS 3.0 services, a page at a time (public)',
      description:
        'Each measure of the navigator is an HSDS service with its provider nested as the organization; ids are UUID v5, the same on every run. The page is the HSDS API reference’s Page (total_items, total_pages, page_number, size, first_page, last_page, empty, contents); past the last page it is empty. Of the reference’s filters, organization_id and taxonomy_term_id are supported.',
      querystring: z.object({
        page: z.coerce.number().int().min(1).max(INT32_MAX).default(1).describe('Page number, from 1'),
        per_page: z.coerce.number().int().min(1).max(HSDS_PER_PAGE_MAX).default(HSDS_PER_PAGE).describe(`Services per page (at most ${HSDS_PER_PAGE_MAX})`),
        organization_id: z.uuid().optional().describe('Only the services of this organization (a provider)'),
        taxonomy_term_id: z.uuid().optional().describe('Only the services with this taxonomy term among their attributes (a category, a knowledge-base answer)'),
      }),
      response: { 200: hsdsServicePageSchema, ...problems(400) },
    },
    handler: async (req) => current().page(req.query.page, req.query.per_page, { organizationId: req.query.organization_id?.toLowerCase(), taxonomyTermId: req.query.taxonomy_term_id?.toLowerCase() }),
  });

  app.get('/api/v1/navigator/hsds/services/:id', {
    config,
    schema: {
      tags,
      security: publicSecurity,
      summary: 'One support measure as an Open Referral HSDS 3.0 service, with its organization and attributes (public)',
      description: 'The attributes link the service to its category and to the knowledge-base answers about it (taxonomy terms; an answer’s term_uri is its page on the portal).',
      params: z.object({ id: z.uuid().describe('The service’s UUID, as the list gives it') }),
      response: { 200: hsdsServiceSchema, ...problems(400, 404) },
    },
    handler: async (req) => {
      const s = current().service(req.params.id.toLowerCase());
      if (!s) throw notFound('navigator.hsds_service_not_found', `There is no HSDS service ${req.params.id}.`);
      return s;
    },
  });
}
