// Text PostgreSQL cannot store: text rejects a NUL character, and jsonb rejects the \u0000 and
// unpaired-surrogate escapes JSON.stringify writes. JSON lets a client send both, so input is looked
// through before anything is written (every route at the door, see http/text-guard.ts; the
// telephony events one event at a time), and the client is told where.

const MAX_REPORTED = 20;
// (String.prototype.isWellFormed is Node 20 but not in the ES2023 library the project compiles against)
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function textProblem(s: string): string | undefined {
  if (s.includes('\u0000')) return 'contains a NUL character';
  if (LONE_SURROGATE.test(s)) return 'contains an unpaired UTF-16 surrogate';
  return undefined;
}

/** Every string (and object key) in a parsed value that could not be stored, with its path. */
export function badText(value: unknown, root: string): { path: string; message: string }[] {
  const found: { path: string; message: string }[] = [];
  // A stack rather than recursion: a body may nest thousands deep.
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length > 0 && found.length < MAX_REPORTED) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      const message = textProblem(v);
      if (message) found.push({ path, message });
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${path}[${i}]`]);
    } else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v).reverse()) {
        const message = textProblem(k);
        if (message) found.push({ path, message: `has a key that ${message}` });
        stack.push([x, `${path}.${k}`]);
      }
    }
  }
  return found;
}
