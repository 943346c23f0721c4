// Where otvet is and how the edge signs its requests: a telephony-scoped API token. One place for
// the headers every call to otvet carries, and for what a failed call says.

export interface OtvetConnection {
  /** otvet's base URL, e.g. https://otvet.example (no trailing slash needed). */
  baseUrl: string;
  /** An API token with the `telephony` scope (`otvet token create --scope telephony`). */
  token: string;
  /** For tests and proxies; the global fetch by default. */
  fetch?: typeof fetch;
}

export const USER_AGENT = 'otvet-edge/1';

export function urlOf(c: OtvetConnection, path: string): string {
  return c.baseUrl.replace(/\/+$/, '') + path;
}

export function headersOf(c: OtvetConnection, extra: Record<string, string> = {}): Record<string, string> {
  return { authorization: `Bearer ${c.token}`, 'user-agent': USER_AGENT, ...extra };
}

/** otvet answered, but not with what was asked: the status and the problem's detail (RFC 9457). */
export class OtvetError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly detail: string,
  ) {
    super(`${method} ${path}: ${status}${detail ? ` ${detail}` : ''}`);
    this.name = 'OtvetError';
  }

  /** Reads the response's problem detail (or the start of its text). */
  static async from(method: string, path: string, res: Response): Promise<OtvetError> {
    const text = await res.text().catch(() => '');
    let detail = text.slice(0, 300);
    try {
      const body = JSON.parse(text) as { detail?: unknown; title?: unknown };
      if (typeof body.detail === 'string') detail = body.detail;
      else if (typeof body.title === 'string') detail = body.title;
    } catch {
      // not JSON: keep the text
    }
    return new OtvetError(method, path, res.status, detail);
  }
}
