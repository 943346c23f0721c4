// The SIP edge's configuration: environment variables only, checked once at start-up with one clear
// message per bad variable (as otvet's own), then passed down. The edge needs where otvet is, a
// telephony token, and which trunks may send it calls; everything else has a default.
import net from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { int } from '../../platform/config.ts';

export interface HostPort {
  host: string;
  port: number;
}

export interface EdgeConfig {
  otvet: { url: string; token: string };
  /** Where the edge listens for SIP; null: that transport is off. */
  listen: { udp: HostPort | null; tcp: HostPort | null; ws: HostPort | null };
  /** The host written into Via, Contact and Record-Route (what peers reach the edge at). */
  publicHost: string;
  /** The region of a trunk's address, or null when the address is no configured trunk (→ 403). */
  trunkRegion(address: string): string | null;
  /** Dialled numbers the edge answers, each with its own region or null (the trunk's region). */
  numbers: Map<string, string | null>;
  rtpengine: HostPort;
  /** Where the edge hears rtpengine's key presses (its --dtmf-log-dest must name this address). */
  dtmf: HostPort;
  /** The digest realm phones register in: otvet's SIP_REALM, for which their HA1s were made. */
  sipRealm: string;
  dataDir: string;
  limits: { newCallsPerSecond: number; activeCalls: number };
  /** Seconds between announcements of the estimated wait to a waiting caller. */
  announceEverySeconds: number;
  metrics: HostPort;
  log: { level: string; format: 'auto' | 'json' | 'pretty' };
}

export class EdgeConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`The edge's configuration is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'EdgeConfigError';
  }
}

/** A custom check: the message, or the parsed value. */
const parsed = <T>(parse: (v: string) => T) =>
  z.string().transform((v, ctx) => {
    try {
      return parse(v);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: (err as Error).message });
      return z.NEVER;
    }
  });

/** `host:port`, `[v6]:port`; "off" turns a listener off. */
export function parseHostPort(v: string): HostPort {
  const m = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d+)$/.exec(v.trim());
  if (!m) throw new Error('must be host:port (IPv6 in brackets: [::1]:5060)');
  const port = Number(m[3]);
  if (port < 1 || port > 65535) throw new Error('port must be 1–65535');
  return { host: (m[1] ?? m[2])!, port };
}
const listener = parsed((v) => (v.trim() === 'off' ? null : parseHostPort(v)));

const REGION = /^\d{2}$/;

/** `address=region` or `network/prefix=region`, comma-separated. */
function parseTrunks(v: string): { list: net.BlockList; region: string }[] {
  const items = v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!items.length) throw new Error('name at least one trunk as address=region');
  return items.map((item) => {
    const m = /^\[?([^\]=/]+)\]?(?:\/(\d{1,3}))?=(.*)$/.exec(item);
    if (!m) throw new Error(`"${item}": must be address=region or network/prefix=region`);
    const [, address, prefix, region] = m as unknown as [string, string, string | undefined, string];
    const family = net.isIP(address);
    if (!family) throw new Error(`"${item}": not an IP address or network`);
    if (!REGION.test(region)) throw new Error(`"${item}": region must be a two-digit code`);
    const type = family === 6 ? 'ipv6' : 'ipv4';
    const list = new net.BlockList();
    if (prefix === undefined) list.addAddress(address, type);
    else if (Number(prefix) > (family === 6 ? 128 : 32)) throw new Error(`"${item}": prefix too long`);
    else list.addSubnet(address, Number(prefix), type);
    return { list, region };
  });
}

/** Dialled numbers: `122`, or `number=region` for a number that belongs to one region. */
function parseNumbers(v: string): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const item of v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [number, region] = item.split('=') as [string, string | undefined];
    if (!/^\d{1,20}$/.test(number)) throw new Error(`"${item}": a number is digits only`);
    if (region !== undefined && !REGION.test(region)) throw new Error(`"${item}": region must be a two-digit code`);
    out.set(number, region ?? null);
  }
  if (!out.size) throw new Error('name at least one number');
  return out;
}

const envSchema = z.object({
  OTVET_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL of otvet, e.g. http://127.0.0.1:8122' }),
  OTVET_TOKEN: z
    .string()
    .trim()
    .regex(/^otvet_\S+$/, 'must be an otvet API token (otvet_…) with the telephony scope'),
  EDGE_TRUNKS: parsed(parseTrunks),
  EDGE_NUMBERS: parsed(parseNumbers).default(new Map([['122', null]])),
  EDGE_SIP_UDP: listener.default({ host: '0.0.0.0', port: 5060 }),
  EDGE_SIP_TCP: listener.default({ host: '0.0.0.0', port: 5060 }),
  EDGE_SIP_WS: listener.default({ host: '0.0.0.0', port: 5066 }),
  EDGE_PUBLIC_HOST: z.string().trim().min(1).optional(),
  EDGE_RTPENGINE: parsed(parseHostPort).default({ host: '127.0.0.1', port: 2223 }),
  EDGE_DTMF: parsed(parseHostPort).default({ host: '127.0.0.1', port: 2224 }),
  EDGE_SIP_REALM: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9.-]+$/, "letters, digits, dots and hyphens only: otvet's SIP_REALM")
    .default('otvet'),
  EDGE_DATA_DIR: z.string().trim().min(1).default('./data/edge'),
  EDGE_MAX_CPS: int(1, 100000).default(150),
  EDGE_MAX_CALLS: int(1, 1000000).default(1000),
  EDGE_ANNOUNCE_EVERY_SECONDS: int(10, 3600).default(60),
  EDGE_METRICS: parsed(parseHostPort).default({ host: '127.0.0.1', port: 9122 }),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
});

/** Every variable the edge reads. */
export const edgeVariables = Object.keys(envSchema.shape);

/** Reads the edge's configuration; throws EdgeConfigError naming every bad variable. */
export function loadEdgeConfig(env: Record<string, string | undefined>, cwd = process.cwd()): EdgeConfig {
  // An empty variable means "not set", as in `VAR= otvet edge`.
  const present = Object.fromEntries(edgeVariables.filter((k) => env[k] !== undefined && env[k] !== '').map((k) => [k, env[k]]));
  const result = envSchema.safeParse(present);
  if (!result.success) {
    throw new EdgeConfigError(
      result.error.issues.map((issue) => {
        const name = String(issue.path[0]);
        return name in present ? `${name}=${JSON.stringify(present[name])}: ${issue.message}` : `${name}: required (${issue.message})`;
      }),
    );
  }
  const e = result.data;
  if (!e.EDGE_SIP_UDP && !e.EDGE_SIP_TCP && !e.EDGE_SIP_WS) {
    throw new EdgeConfigError(['at least one of EDGE_SIP_UDP, EDGE_SIP_TCP, EDGE_SIP_WS must listen (all are "off")']);
  }
  const hosts = new Set([e.EDGE_SIP_UDP, e.EDGE_SIP_TCP, e.EDGE_SIP_WS].flatMap((l) => (l ? [l.host] : [])));
  if (hosts.size > 1) throw new EdgeConfigError([`EDGE_SIP_UDP, EDGE_SIP_TCP and EDGE_SIP_WS must listen on one address (they name ${[...hosts].join(', ')})`]);
  const trunks = e.EDGE_TRUNKS;
  const listenHost = e.EDGE_SIP_UDP?.host ?? e.EDGE_SIP_TCP?.host ?? e.EDGE_SIP_WS!.host;
  return {
    otvet: { url: e.OTVET_URL.replace(/\/+$/, ''), token: e.OTVET_TOKEN },
    listen: { udp: e.EDGE_SIP_UDP, tcp: e.EDGE_SIP_TCP, ws: e.EDGE_SIP_WS },
    publicHost: e.EDGE_PUBLIC_HOST ?? (listenHost === '0.0.0.0' || listenHost === '::' ? '127.0.0.1' : listenHost),
    trunkRegion(address) {
      // An IPv4 peer on a dual-stack socket comes as ::ffff:a.b.c.d.
      const plain = address.startsWith('::ffff:') && net.isIPv4(address.slice(7)) ? address.slice(7) : address;
      const family = net.isIP(plain);
      if (!family) return null;
      return trunks.find((t) => t.list.check(plain, family === 6 ? 'ipv6' : 'ipv4'))?.region ?? null;
    },
    numbers: e.EDGE_NUMBERS,
    rtpengine: e.EDGE_RTPENGINE,
    dtmf: e.EDGE_DTMF,
    sipRealm: e.EDGE_SIP_REALM,
    dataDir: path.resolve(cwd, e.EDGE_DATA_DIR),
    limits: { newCallsPerSecond: e.EDGE_MAX_CPS, activeCalls: e.EDGE_MAX_CALLS },
    announceEverySeconds: e.EDGE_ANNOUNCE_EVERY_SECONDS,
    metrics: e.EDGE_METRICS,
    log: { level: e.LOG_LEVEL, format: e.LOG_FORMAT },
  };
}
