// The part of Open Referral HSDS 3.0 that the navigator's export fills, as zod: field names, types
// and descriptions are the specification's (schema/service.json, organization.json, attribute.json,
// taxonomy_term.json; the API reference's Page), so the OpenAPI document shows what a consumer
// gets; the tests validate the answers against the published schemas themselves.
import { z } from 'zod';

const uuid = z.uuid();

export const hsdsOrganizationSchema = z
  .object({
    id: uuid.describe('UUID v5 of the provider’s name: the same on every server and every run'),
    name: z.string().describe('The provider as the catalogue names it, e.g. СФР'),
    description: z.string().describe('What it provides: the titles of its measures'),
  })
  .describe('HSDS 3.0 organization: who grants a support measure');

export const hsdsTaxonomyTermSchema = z
  .object({
    id: uuid,
    name: z.string(),
    description: z.string(),
    code: z.string().optional().describe('knowledge_answer: the answer’s slug'),
    taxonomy: z.string().describe('The taxonomy the term belongs to: otvet’s own, named by this string'),
    term_uri: z.url().optional().describe('knowledge_answer: the answer’s page on the portal'),
  })
  .describe('HSDS 3.0 taxonomy_term');

export const hsdsAttributeSchema = z
  .object({
    id: uuid,
    link_id: uuid.describe('The service'),
    link_type: z.enum(['category', 'knowledge_answer']).describe('What the term says of the service: its category, or an answer of the knowledge base about it'),
    link_entity: z.literal('service'),
    taxonomy_term_id: uuid,
    taxonomy_term: hsdsTaxonomyTermSchema,
  })
  .describe('HSDS 3.0 attribute: a taxonomy term linked to the service');

const serviceFields = {
  id: uuid.describe('UUID v5 of the measure’s id: the same on every server and every run'),
  organization_id: uuid,
  name: z.string().describe('The measure’s title'),
  description: z.string().describe('The measure’s summary'),
  url: z.url().optional().describe('The portal’s page of the first knowledge-base answer about the measure'),
  status: z.literal('active'),
  application_process: z.string().describe('How to apply'),
  organization: hsdsOrganizationSchema,
};

/** An item of the /services list: the one-to-one fields with the organization nested (HSDS compiled/service_list.json). */
export const hsdsServiceListItemSchema = z.object(serviceFields).describe('HSDS 3.0 service as /services lists it');

/** One service as /services/{id} answers it: the list's fields and its attributes (HSDS service.json). */
export const hsdsServiceSchema = z.object({ ...serviceFields, attributes: z.array(hsdsAttributeSchema) }).describe('HSDS 3.0 service, with its attributes');

/** The HSDS API reference's Page (components.schemas.Page) with the services in contents. */
export const hsdsServicePageSchema = z.object({
  total_items: z.number().int().describe('Count of total results.'),
  total_pages: z.number().int().describe('Count of total pages.'),
  page_number: z.number().int().describe('Current page number (from 1).'),
  size: z.number().int().describe('Size of current page: the services in contents.'),
  first_page: z.boolean().describe('Is this page the first page.'),
  last_page: z.boolean().describe('Is this page the last page (or past it).'),
  empty: z.boolean().describe('Is this page empty.'),
  contents: z.array(hsdsServiceListItemSchema),
});

export type HsdsOrganization = z.infer<typeof hsdsOrganizationSchema>;
export type HsdsAttribute = z.infer<typeof hsdsAttributeSchema>;
export type HsdsServiceListItem = z.infer<typeof hsdsServiceListItemSchema>;
export type HsdsService = z.infer<typeof hsdsServiceSchema>;
export type HsdsServicePage = z.infer<typeof hsdsServicePageSchema>;
