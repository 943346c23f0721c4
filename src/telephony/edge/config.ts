// The SIP edge's configuration: environment variables only, checked once at start-up with one clear
// message per bad variable (as otvet's own), then passed down. The edge needs where otvet is, a
// telephony token, and which trunks may send it calls; everything else has a default.
import net from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { int } from '../../platform/config.ts';
import { formatUri, parseUri, type SipUri } from '../sip/uri.ts';

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
  /**
   * Where the trunk a call came from (by its address) takes outbound calls, for calling the caller
   * back: a sip: URI without a user part (EDGE_TRUNK_OUTBOUND); null when none is set there.
   */
  trunkOutbound(address: string): string | null;
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

const items = (v: string) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** An address or network/prefix (IPv6 in brackets or not) as a list to check addresses against. */
interface Addresses {
  list: net.BlockList;
  /** The address written (a network's first address). */
  address: string;
}

/** `address=value` or `network/prefix=value`: the addresses and the value; throws naming the item. */
function addressItem(item: string, shape: string): Addresses & { value: string } {
  const m = /^\[?([^\]=/]+)\]?(?:\/(\d{1,3}))?=(.*)$/.exec(item);
  if (!m) throw new Error(`"${item}": must be ${shape}`);
  const [, address, prefix, value] = m as unknown as [string, string, string | undefined, string];
  const family = net.isIP(address);
  if (!family) throw new Error(`"${item}": not an IP address or network`);
  const type = family === 6 ? 'ipv6' : 'ipv4';
  const list = new net.BlockList();
  if (prefix === undefined) list.addAddress(address, type);
  else if (Number(prefix) > (family === 6 ? 128 : 32)) throw new Error(`"${item}": prefix too long`);
  else list.addSubnet(address, Number(prefix), type);
  return { list, address, value };
}

/** An address as written: an IPv4 peer on a dual-stack socket comes as ::ffff:a.b.c.d. */
export function plainAddress(address: string): string {
  return address.startsWith('::ffff:') && net.isIPv4(address.slice(7)) ? address.slice(7) : address;
}

/** Whether a list holds an address. */
function holds(list: net.BlockList, address: string): boolean {
  const plain = plainAddress(address);
  const family = net.isIP(plain);
  return family !== 0 && list.check(plain, family === 6 ? 'ipv6' : 'ipv4');
}

/** `address=region` or `network/prefix=region`, comma-separated. */
function parseTrunks(v: string): (Addresses & { region: string })[] {
  const trunks = items(v);
  if (!trunks.length) throw new Error('name at least one trunk as address=region');
  return trunks.map((item) => {
    const { value: region, ...addresses } = addressItem(item, 'address=region or network/prefix=region');
    if (!REGION.test(region)) throw new Error(`"${item}": region must be a two-digit code`);
    return { ...addresses, region };
  });
}

/** Where calls from an address or network are called back: `address=sip:host[:port][;transport=tcp]`, comma-separated. */
function parseOutbound(v: string): (Addresses & { item: string; uri: string; transport: 'udp' | 'tcp' })[] {
  // (every bad item named, not only the first)
  const errors: string[] = [];
  const parsedItems = items(v).flatMap((item) => {
    try {
      return [outboundItem(item)];
    } catch (err) {
      errors.push((err as Error).message);
      return [];
    }
  });
  if (errors.length) throw new Error(errors.join('; '));
  return parsedItems;
}

function outboundItem(item: string): Addresses & { item: string; uri: string; transport: 'udp' | 'tcp' } {
  const { value, ...addresses } = addressItem(item, 'address=sip:host[:port][;transport=tcp] or network/prefix=…');
  let uri: SipUri;
  try {
    uri = parseUri(value.trim());
  } catch (err) {
    throw new Error(`"${item}": ${(err as Error).message}`, { cause: err });
  }
  if (uri.scheme === 'sips') throw new Error(`"${item}": sips needs TLS, which the edge does not speak`);
  if (uri.user !== undefined) throw new Error(`"${item}": name no user part (the caller's number goes there)`);
  if (uri.headers.length) throw new Error(`"${item}": no headers (?…) in the URI`);
  const transport = uri.params.get('transport')?.toLowerCase() ?? 'udp';
  if (transport !== 'udp' && transport !== 'tcp') throw new Error(`"${item}": transport must be udp or tcp`);
  return { ...addresses, item, uri: formatUri(uri), transport };
}

/** Dialled numbers: `122`, or `number=region` for a number that belongs to one region. */
function parseNumbers(v: string): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const item of items(v)) {
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
  EDGE_TRUNK_OUTBOUND: parsed(parseOutbound).default([]),
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
  EDGE_MAX_CPS: int(1, 100000).default(80),
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
  const outbound = e.EDGE_TRUNK_OUTBOUND;
  const outboundProblems = outbound.flatMap((o) => {
    if (!trunks.some((t) => holds(t.list, o.address))) return [`EDGE_TRUNK_OUTBOUND: "${o.item}": ${o.address} is in no trunk of EDGE_TRUNKS`];
    const off = o.transport === 'tcp' ? !e.EDGE_SIP_TCP && 'EDGE_SIP_TCP' : !e.EDGE_SIP_UDP && 'EDGE_SIP_UDP';
    return off ? [`EDGE_TRUNK_OUTBOUND: "${o.item}": ${o.transport.toUpperCase()}, but ${off} is off`] : [];
  });
  if (outboundProblems.length) throw new EdgeConfigError(outboundProblems);
  const listenHost = e.EDGE_SIP_UDP?.host ?? e.EDGE_SIP_TCP?.host ?? e.EDGE_SIP_WS!.host;
  return {
    otvet: { url: e.OTVET_URL.replace(/\/+$/, ''), token: e.OTVET_TOKEN },
    listen: { udp: e.EDGE_SIP_UDP, tcp: e.EDGE_SIP_TCP, ws: e.EDGE_SIP_WS },
    publicHost: e.EDGE_PUBLIC_HOST ?? (listenHost === '0.0.0.0' || listenHost === '::' ? '127.0.0.1' : listenHost),
    trunkRegion: (address) => trunks.find((t) => holds(t.list, address))?.region ?? null,
    trunkOutbound: (address) => outbound.find((o) => holds(o.list, address))?.uri ?? null,
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
