// The Open Referral HSDS 3.0 schemas of test/fixtures/hsds, compiled as their README says: as
// published, and a strict copy that also refuses any field the schema does not list.
import fs from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

const dir = new URL('../fixtures/hsds/', import.meta.url);
const read = (name: string) => JSON.parse(fs.readFileSync(new URL(name, dir), 'utf8')) as Record<string, unknown>;
// (ajv-formats is CommonJS with a default export: under ESM its function is one level down)
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

/** Where the API reference's /services response refers to the list item. */
const SERVICE_LIST_URL = 'https://raw.githubusercontent.com/openreferral/specification/3.0/schema/compiled/service_list.json';
/** The API reference's /services response: a Page whose contents are service_list items. */
const LIST_RESPONSE = 'openapi.json#/paths/~1services/get/responses/200/content/application~1json/schema';

const objectFiles = fs.readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'openapi.json');

/** A copy of the schema in which every object that lists its properties allows no others. */
function closed(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closed);
  if (node === null || typeof node !== 'object') return node;
  const copy = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, closed(v)]));
  if ('properties' in copy && !('additionalProperties' in copy)) copy.additionalProperties = false;
  return copy;
}

function compiler(strict: boolean): Ajv {
  // The schemas' own keywords (name, constraints, core, example…) are not JSON Schema's.
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const load = (name: string) => (strict ? closed(read(name)) : read(name)) as object;
  for (const name of objectFiles) ajv.addSchema(load(name), name);
  ajv.addSchema(load('compiled/service_list.json'), SERVICE_LIST_URL);
  // (the Page itself stays open: its contents are beside it, not in it; the tests check its fields)
  ajv.addSchema(read('openapi.json'), 'openapi.json');
  return ajv;
}

const loose = compiler(false);
const strict = compiler(true);

function errorsOf(ajv: Ajv, key: string, data: unknown, label: string): string[] {
  const validate = ajv.getSchema(key) as ValidateFunction | undefined;
  if (!validate) throw new Error(`no schema ${key}`);
  return validate(data) ? [] : (validate.errors ?? []).map((e) => `${label}${e.instancePath}: ${e.message} ${JSON.stringify(e.params)}`);
}

/** The field names of the API reference's Page (total_items, total_pages, …). */
export const pageFields: string[] = Object.keys(((read('openapi.json').components as any).schemas.Page as { properties: object }).properties);

/** Problems of one service (what /services/{id} answers) against HSDS 3.0's service.json: [] when valid. */
export const serviceErrors = (data: unknown) => [...errorsOf(loose, 'service.json', data, 'service.json'), ...errorsOf(strict, 'service.json', data, 'service.json (no other fields)')];

/** Problems of a /services page against the API reference's response schema, its items against service_list.json. */
export const servicePageErrors = (data: unknown) => [...errorsOf(loose, LIST_RESPONSE, data, '/services'), ...errorsOf(strict, LIST_RESPONSE, data, '/services (no other fields)')];
