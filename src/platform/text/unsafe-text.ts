// Text PostgreSQL cannot store: a NUL character (text and jsonb refuse it) and a lone UTF-16
// surrogate (not a character at all; jsonb refuses its escape). JSON lets a client send both, so
// every input is looked through before anything is written, and the client is told where.

export interface UnsafeText {
  /** Where, e.g. `events[3].callId`. */
  path: string;
  message: string;
}

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function problemOf(s: string): string | null {
  if (s.includes('\u0000')) return 'contains a NUL character';
  if (LONE_SURROGATE.test(s)) return 'contains an unpaired UTF-16 surrogate (not a character)';
  return null;
}

const join = (path: string, key: string | number) => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key);

/** The first string (or object key) in a parsed JSON value that cannot be stored, or null. */
export function findUnsafeText(value: unknown, path = ''): UnsafeText | null {
  if (typeof value === 'string') {
    const message = problemOf(value);
    return message ? { path, message } : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnsafeText(value[i], join(path, i));
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const bad = problemOf(k);
      if (bad) return { path: join(path, JSON.stringify(k).slice(1, -1)), message: `has a key that ${bad}` };
      const found = findUnsafeText(v, join(path, k));
      if (found) return found;
    }
  }
  return null;
}
