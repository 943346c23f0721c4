// Structured logging. Personal data is removed by the logger itself (pino's redaction), so no caller
// has to remember to do it: any field with one of these names, at any depth up to four, is censored.
// Request URLs are logged with phone numbers masked: people type them into searches. The portal's
// navigator carries a citizen's circumstances in its query (injured, pregnant, low income): its
// query is not logged at all.
import { pino, type DestinationStream, type Logger } from 'pino';
import { maskPhoneNumbers } from './phone-numbers.ts';

export type { Logger };

/** Field names that hold personal data or secrets anywhere in otvet. */
export const redactedKeys = [
  'password',
  'newPassword',
  'passwordHash',
  'token',
  'csrfToken',
  'secret',
  'authorization',
  'cookie',
  'set-cookie',
  'x-csrf-token',
  'phone',
  'phoneNumber',
  'callerNumber',
  'callerPhone',
  'email',
  'fullName',
  'firstName',
  'lastName',
  'middleName',
  'appellantName',
  'address',
  'passport',
  'snils',
  'inn',
  'birthDate',
];

function redactPaths(): string[] {
  const paths: string[] = [];
  for (const key of redactedKeys) {
    const k = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`;
    const join = (prefix: string) => (k.startsWith('[') ? `${prefix}${k}` : `${prefix}.${k}`);
    paths.push(k.startsWith('[') ? k.replace(/^\["(.*)"\]$/, '$1') : k);
    paths.push(join('*'), join('*.*'), join('*.*.*'));
  }
  return paths;
}

/** Percent-decoded; a malformed escape leaves the rest decoded as far as ASCII goes (enough to find digits). */
function decoded(part: string): { text: string; exact: boolean } {
  const plain = part.replaceAll('+', ' ');
  try {
    return { text: decodeURIComponent(plain), exact: true };
  } catch {
    return { text: plain.replace(/%([0-7][0-9A-Fa-f])/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), exact: false };
  }
}

/** One part of a URL with phone numbers masked; byte for byte the same when it holds none. */
function maskPart(part: string, encode: (s: string) => string): string {
  const { text, exact } = decoded(part);
  const masked = maskPhoneNumbers(text);
  if (masked === text) return part;
  // (undecodable escapes stay as they came: encoding them again would garble the rest)
  return exact ? encode(masked) : masked.replace(/[\s&#+]/g, encodeURIComponent);
}

/** Paths whose query is nobody's business but the visitor's (the navigator's answers). */
const PRIVATE_QUERY = /^\/navigator(\/|\?|$)/;
export const REDACTED_QUERY = '?[redacted]';

/** A request URL as it may be logged: phone numbers in its path and query masked. */
export function loggableUrl(url: string): string {
  const at = url.indexOf('?');
  const path = maskPart(at < 0 ? url : url.slice(0, at), encodeURI);
  if (at < 0) return path;
  if (PRIVATE_QUERY.test(url)) return path + REDACTED_QUERY;
  const query = url
    .slice(at + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      return eq < 0 ? maskPart(pair, encodeURIComponent) : `${pair.slice(0, eq + 1)}${maskPart(pair.slice(eq + 1), encodeURIComponent)}`;
    });
  return `${path}?${query.join('&')}`;
}

interface RequestLike {
  method?: string;
  url?: string;
  host?: string;
  ip?: string;
  headers?: Record<string, unknown>;
  socket?: { remotePort?: number };
}

/** Fastify's request serializer (same fields), with the URL made loggable. */
function serializeRequest(req: RequestLike) {
  return {
    method: req.method,
    url: typeof req.url === 'string' ? loggableUrl(req.url) : req.url,
    version: req.headers?.['accept-version'],
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

export interface LoggerOptions {
  level: string;
  format: 'auto' | 'json' | 'pretty';
}

export function createLogger(options: LoggerOptions, destination?: DestinationStream): Logger {
  const base = {
    level: options.level,
    base: { service: 'otvet' },
    redact: { paths: redactPaths(), censor: '[redacted]' },
    serializers: { req: serializeRequest },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  if (destination) return pino(base, destination);
  const pretty = options.format === 'pretty' || (options.format === 'auto' && process.stdout.isTTY);
  if (pretty) {
    return pino({
      ...base,
      transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,service' } },
    });
  }
  return pino(base);
}
