// What the Open311 tests need: requests with the raw answer (content type, text), the GeoReport v2
// JSON Schemas of test/fixtures/open311/schemas compiled as their README says, and XML read two
// ways: into the JSON shape (to compare the formats) and as SeeClickFix's validator reads it
// (MultiXml: an element that occurs once is a value, one that repeats a list).
import fs from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface Raw {
  status: number;
  type: string | null;
  text: string;
  /** The body parsed as JSON when it is JSON. */
  json: any;
}

async function raw(res: Response): Promise<Raw> {
  const text = await res.text();
  const type = res.headers.get('content-type');
  return { status: res.status, type, text, json: type === 'application/json' ? JSON.parse(text) : undefined };
}

export const get = async (base: string, path: string) => raw(await fetch(base + path));

/** A form POST as GeoReport clients send it: pairs, so that a name may repeat (attribute[x][]). */
export async function postForm(base: string, path: string, pairs: [string, string][], contentType = 'application/x-www-form-urlencoded; charset=utf-8'): Promise<Raw> {
  return raw(await fetch(base + path, { method: 'POST', headers: { 'content-type': contentType }, body: new URLSearchParams(pairs).toString() }));
}

// --- JSON Schemas --------------------------------------------------------------------------------

const schemaDir = new URL('../fixtures/open311/schemas/', import.meta.url);
const schema = (name: string) => JSON.parse(fs.readFileSync(new URL(name, schemaDir), 'utf8')) as object;
// (ajv-formats is CommonJS with a default export: under ESM its function is one level down)
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

// README note 2: requests.json and services.json put minItems inside items, which strict mode
// refuses; note 1: swagger.json's formats uid, uint and double are declared as anything.
const ajv = new Ajv({ strict: false, allErrors: true, formats: { uid: true, uint: true, double: true } });
addFormats(ajv);
for (const name of ['request.json', 'requests.json', 'service.json', 'services.json', 'service-definition.json', 'swagger.json']) ajv.addSchema(schema(name), name);

/** The errors of validating data against a schema ('services.json', 'swagger.json#/definitions/Request'): [] when valid. */
export function schemaErrors(name: string, data: unknown): string[] {
  const validate = ajv.getSchema(name) as ValidateFunction | undefined;
  if (!validate) throw new Error(`no schema ${name}`);
  return validate(data) ? [] : (validate.errors ?? []).map((e) => `${name}${e.instancePath}: ${e.message}`);
}

// --- XML -----------------------------------------------------------------------------------------

/** The items' element of each GeoReport list. */
const itemOf: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  errors: 'error',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
};
const items = new Set(Object.values(itemOf));

const asLists = new XMLParser({ parseTagValue: false, ignoreDeclaration: true, isArray: (name) => items.has(name) });
const asMultiXml = new XMLParser({ parseTagValue: false, ignoreDeclaration: true });

export const wellFormed = (text: string) => XMLValidator.validate(text) === true;

/** The XML as the JSON shape: a list element becomes the array of its items. */
function unwrap(node: unknown, name: string): unknown {
  const item = itemOf[name];
  if (item) {
    const list = node === '' ? [] : (((node as Record<string, unknown>)[item] as unknown[] | undefined) ?? []);
    return list.map((x) => unwrap(x, item));
  }
  if (node !== null && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, unwrap(v, k)]));
  return node;
}

/** The document's root element's name and its content in the JSON shape. */
export function xmlAsJson(text: string): { root: string; body: any } {
  const doc = asLists.parse(text) as Record<string, unknown>;
  const roots = Object.keys(doc);
  if (roots.length !== 1) throw new Error(`XML with ${roots.length} root elements: ${roots.join(', ')}`);
  return { root: roots[0]!, body: unwrap(doc[roots[0]!], roots[0]!) };
}

/** As SeeClickFix's validator sees the XML (MultiXml). */
export const multiXml = (text: string): any => asMultiXml.parse(text);

/** JSON as XML carries it: every scalar a string, null empty. */
export function asText(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(asText);
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, asText(x)]));
  return String(v);
}
