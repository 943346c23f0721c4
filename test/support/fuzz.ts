// Hostile requests made from an OpenAPI document: for each operation, bad paths, bad query strings
// and bad bodies, one fault at a time around an otherwise plausible request. Deterministic.
type Schema = Record<string, any>;
type Spec = { paths: Record<string, Record<string, Schema>>; components?: { schemas?: Record<string, Schema> } };

export interface Operation {
  method: string;
  path: string;
  params: { in: 'path' | 'query'; name: string; schema: Schema; required: boolean }[];
  body: Schema | undefined;
}

export interface Case {
  operation: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** What is hostile about this request, for the failure message. */
  label: string;
}

export function operationsOf(spec: Spec): Operation[] {
  return Object.entries(spec.paths).flatMap(([p, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path: p,
      params: ((op.parameters ?? []) as Schema[]).map((x) => ({ in: x.in, name: x.name, schema: x.schema ?? {}, required: Boolean(x.required) })),
      body: op.requestBody?.content?.['application/json']?.schema,
    })),
  );
}

function deref(spec: Spec, s: Schema | undefined): Schema {
  let out = s ?? {};
  while (typeof out.$ref === 'string') out = spec.components?.schemas?.[out.$ref.split('/').pop()!] ?? {};
  return out;
}

const candidates = ['77', 'federal', 'no-such-answer', 'fuzz.user', '2026-01-05', 'telephony', 'a.b', 'x'];

/** A value the schema accepts, as far as a simple reading of it goes. */
function sample(spec: Spec, raw: Schema | undefined, depth = 0): unknown {
  const s = deref(spec, raw);
  if (depth > 6) return null;
  if ('const' in s) return s.const;
  if (Array.isArray(s.enum)) return s.enum[0];
  const alt = (s.anyOf ?? s.oneOf) as Schema[] | undefined;
  if (alt) return sample(spec, alt.find((a) => deref(spec, a).type !== 'null') ?? alt[0], depth + 1);
  if (Array.isArray(s.allOf)) return Object.assign({}, ...s.allOf.map((x: Schema) => sample(spec, x, depth + 1)));
  const type = Array.isArray(s.type) ? s.type.find((t: string) => t !== 'null') : s.type;
  switch (type) {
    case 'string': {
      if (s.format === 'date-time') return '2026-01-05T10:00:00+03:00';
      if (s.format === 'date') return '2026-01-05';
      if (s.format === 'uri') return 'http://127.0.0.1:9/hook';
      if (s.pattern) return candidates.find((c) => new RegExp(s.pattern, 'u').test(c) && c.length >= (s.minLength ?? 0)) ?? 'x';
      return 'x'.repeat(Math.max(1, s.minLength ?? 1));
    }
    case 'integer':
    case 'number':
      return s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'array':
      return Array.from({ length: Math.max(1, s.minItems ?? 1) }, () => sample(spec, s.items, depth + 1));
    case 'object':
    default: {
      const props = (s.properties ?? {}) as Record<string, Schema>;
      return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, sample(spec, v, depth + 1)]));
    }
  }
}

type Path = (string | number)[];

/** The places in a sample body worth a fault: every property and array element, with its schema. */
function places(spec: Spec, raw: Schema | undefined, value: unknown, at: Path = [], out: { path: Path; schema: Schema }[] = []) {
  let s = deref(spec, raw);
  const alt = (s.anyOf ?? s.oneOf) as Schema[] | undefined;
  if (alt) s = deref(spec, alt.find((a) => deref(spec, a).type !== 'null') ?? alt[0]);
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      out.push({ path: [...at, i], schema: deref(spec, s.items) });
      places(spec, s.items, v, [...at, i], out);
    });
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.push({ path: [...at, k], schema: deref(spec, s.properties?.[k]) });
      places(spec, s.properties?.[k], v, [...at, k], out);
    }
  }
  return out;
}

/** JSON text with one value replaced by raw JSON text (so numbers beyond doubles and bad escapes survive). */
function withRaw(body: unknown, at: Path, raw: string | undefined): string {
  const marker = '\u0001fuzz\u0001';
  const copy = structuredClone(body) as any;
  if (at.length === 0) return raw ?? '';
  let parent = copy;
  for (const k of at.slice(0, -1)) parent = parent[k];
  const last = at[at.length - 1]!;
  if (raw === undefined) {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
    return JSON.stringify(copy);
  }
  parent[last] = marker;
  return JSON.stringify(copy).replace(JSON.stringify(marker), raw);
}

const MB = 'a'.repeat(1_000_000);

// Raw JSON texts for a field, by what it should be.
const hostileNumbers = ['1e308', '-1e308', '1e309', '9007199254740993', '2147483648', '-1', '0', '1.5', '-2147483649'];
const hostileStrings = ['"a\\u0000b"', '"\\ud800"', '"x\\udc00"', '"../../etc/passwd"', '"%2e%2e%2f"', '""', '" "'];
const wrongTypes = ['null', 'true', '12345', '"12345"', '{}', '[]', '[{}]', '{"__proto__":{"x":1}}'];

function fieldFaults(schema: Schema, depth: 'full' | 'light'): string[] {
  const type = Array.isArray(schema.type) ? schema.type.find((t: string) => t !== 'null') : schema.type;
  const specific = type === 'integer' || type === 'number' ? hostileNumbers : type === 'string' || schema.enum ? hostileStrings : [];
  if (depth === 'light') return [...specific.slice(0, 3), '{}'];
  return [...specific, ...wrongTypes];
}

// Path segments and query values, percent-encoded as a client would send them (or worse).
const hostileSegments = [
  'abc',
  '0',
  '-1',
  '1.5',
  '1e308',
  '9007199254740993',
  '2147483648',
  '2147483647',
  '-2147483649',
  '%00',
  'a%00b',
  '%ED%A0%80',
  '%E0%A4%A',
  '%',
  '..%2F..%2Fetc%2Fpasswd',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '..',
  '.',
  'x'.repeat(300),
  '%D1%91%D0%B6',
  '%20',
  '%0A',
  '%22%3E%3Cscript%3E',
];
const hostileQuery = [
  'abc',
  '-1',
  '0',
  '1e308',
  '9007199254740993',
  '2147483648',
  '2147483647',
  '1.5',
  'NaN',
  'Infinity',
  '%00',
  'a%00b',
  '%ED%A0%80',
  '%E0%A4%A',
  '%',
  '..%2F..%2Fetc%2Fpasswd',
  '',
  'x'.repeat(8000),
  '0000-01-01',
  '9999-12-31',
  '2026-02-30',
  '0001-01-01T00:00:00Z',
  '2026-01-05T10:00:00%2B99:00',
];

const destructive = /\/(logout|disable|enable|password|archive|restore|approve|submit|reject)$|^DELETE /;

export function fuzzCases(op: Operation, spec: Spec, opts: { depth: 'full' | 'light'; real: Record<string, string> }): Case[] {
  const key = `${op.method} ${op.path}`;
  // Destructive operations aim at nothing that exists; the others at real records where there are some.
  const aimAtReal = !destructive.test(op.path) && !destructive.test(key);
  const validSegment = (name: string, schema: Schema): string => {
    if (aimAtReal && opts.real[name] !== undefined) return opts.real[name]!;
    if (name === 'code') return '00';
    return schema.type === 'integer' ? '999999' : String(sample(spec, schema)).replace(/^x$/, 'no-such-thing');
  };
  const pathParams = op.params.filter((p) => p.in === 'path');
  const queryParams = op.params.filter((p) => p.in === 'query');
  const buildPath = (override?: [string, string]) =>
    op.path.replace(/\{(\w+)\}/g, (_, name: string) => (override?.[0] === name ? override[1] : encodeURIComponent(validSegment(name, pathParams.find((p) => p.name === name)!.schema))));
  const baseQuery = Object.fromEntries(queryParams.filter((p) => p.required).map((p) => [p.name, String(sample(spec, p.schema))]));
  const queryString = (q: Record<string, string>, raw?: string) => {
    const parts = Object.entries(q).map(([k, v]) => `${k}=${encodeURIComponent(v)}`);
    if (raw !== undefined) parts.push(raw);
    return parts.length ? `?${parts.join('&')}` : '';
  };
  const hasBody = op.body !== undefined || op.method === 'POST' || op.method === 'PUT';
  const sampleBody = op.body ? sample(spec, op.body) : op.method === 'POST' || op.method === 'PUT' ? {} : undefined;
  const json = { 'content-type': 'application/json' };
  const plain = (url: string, label: string): Case => ({
    operation: op.path,
    method: op.method,
    url,
    headers: hasBody ? json : {},
    ...(hasBody ? { body: JSON.stringify(sampleBody) } : {}),
    label,
  });

  const cases: Case[] = [plain(buildPath() + queryString(baseQuery), 'plausible request'), plain(buildPath() + queryString(baseQuery, 'unexpected=%00%ED%A0%80'), 'unexpected query parameter')];

  for (const p of pathParams) {
    const segments = opts.depth === 'full' ? hostileSegments : hostileSegments.filter((_, i) => i % 3 === 0);
    for (const seg of segments) cases.push(plain(buildPath([p.name, seg]) + queryString(baseQuery), `path ${p.name}=${seg.slice(0, 40)}`));
    cases.push(plain(op.path.replace(`{${p.name}}`, '../../etc/passwd').replace(/\{(\w+)\}/g, 'x'), `path ${p.name}=../../etc/passwd`));
  }

  for (const p of queryParams) {
    const values = opts.depth === 'full' ? hostileQuery : hostileQuery.filter((_, i) => i % 3 === 0);
    const others = { ...baseQuery };
    delete others[p.name];
    for (const v of values) cases.push(plain(buildPath() + queryString(others, `${p.name}=${v}`), `query ${p.name}=${v.slice(0, 40)}`));
    cases.push(plain(buildPath() + queryString(others, `${p.name}=1&${p.name}=2`), `query ${p.name} given twice`));
    cases.push(plain(buildPath() + queryString(others, `${p.name}[a]=1`), `query ${p.name}[a]=1`));
  }

  if (hasBody) {
    const url = buildPath() + queryString(baseQuery);
    const whole: [string, string, Record<string, string>][] = [
      ['malformed JSON', '{"a":', json],
      ['empty JSON body', '', json],
      ['JSON null', 'null', json],
      ['JSON array', '[]', json],
      ['array of the body', `[${JSON.stringify(sampleBody)}]`, json],
      ['JSON string', '"x"', json],
      ['JSON number', '1e309', json],
      ['prototype pollution', '{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}', json],
      ['deep nesting', `${'['.repeat(5000)}${']'.repeat(5000)}`, json],
      ['NUL outside strings', '{\u0000}', json],
      ['text/plain body', 'hello', { 'content-type': 'text/plain' }],
      ['form body', 'a=1', { 'content-type': 'application/x-www-form-urlencoded' }],
      ['JSON with a charset nobody knows', JSON.stringify(sampleBody), { 'content-type': 'application/json; charset=klingon' }],
      ['1 MB of whitespace-padded JSON', `${' '.repeat(1_100_000)}{}`, json],
    ];
    for (const [label, body, headers] of opts.depth === 'full' ? whole : whole.slice(0, 6)) {
      cases.push({ operation: op.path, method: op.method, url, headers, body, label });
    }
    const spots = places(spec, op.body, sampleBody).slice(0, opts.depth === 'full' ? 40 : 12);
    let megabytes = 0;
    for (const spot of spots) {
      const name = `body.${spot.path.join('.')}`;
      for (const raw of fieldFaults(spot.schema, opts.depth)) {
        cases.push({ operation: op.path, method: op.method, url, headers: json, body: withRaw(sampleBody, spot.path, raw), label: `${name}=${raw.slice(0, 40)}` });
      }
      cases.push({ operation: op.path, method: op.method, url, headers: json, body: withRaw(sampleBody, spot.path, undefined), label: `${name} left out` });
      // A couple of 1 MB strings per operation: the limits of each field, not of the body, must say no.
      if (opts.depth === 'full' && megabytes < 2 && (spot.schema.type === 'string' || spot.schema.type === undefined)) {
        megabytes++;
        cases.push({ operation: op.path, method: op.method, url, headers: json, body: withRaw(sampleBody, spot.path, JSON.stringify(MB)), label: `${name}=1 MB string` });
      }
    }
  }
  return cases;
}
