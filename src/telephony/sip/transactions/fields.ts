// The few header fields the transaction layer reads: the top Via (branch, sent-by), CSeq and tags.
// Lenient on purpose: a field it cannot read gives undefined and the message is dropped by the caller.
import type { SipMessage } from '../message.ts';
import { header } from '../message.ts';

export const MAGIC_COOKIE = 'z9hG4bK';

export interface ViaFields {
  /** UDP, TCP, WS… upper-cased. */
  transport: string;
  host: string;
  port: number | undefined;
  /** Parameters by lower-cased name; a parameter without a value maps to ''. */
  params: Map<string, string>;
}

const VIA = /^\s*SIP\s*\/\s*2\.0\s*\/\s*([A-Za-z0-9-]+)\s+(\[[0-9A-Fa-f:.]+\]|[^\s;:[\]]+)(?:\s*:\s*(\d{1,5}))?\s*((?:;.*)?)$/i;

/** One Via value read into its parts, or undefined when it is not a Via. */
export function readVia(value: string): ViaFields | undefined {
  const m = VIA.exec(value);
  if (!m) return undefined;
  const port = m[3] === undefined ? undefined : Number(m[3]);
  if (port !== undefined && port > 65535) return undefined;
  const params = new Map<string, string>();
  for (const part of m[4]!.split(';').slice(1)) {
    const eq = part.indexOf('=');
    const name = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
    if (!name) return undefined;
    params.set(name, eq < 0 ? '' : part.slice(eq + 1).trim());
  }
  return { transport: m[1]!.toUpperCase(), host: m[2]!.toLowerCase(), port, params };
}

export function topVia(message: SipMessage): ViaFields | undefined {
  const value = header(message, 'Via');
  return value === undefined ? undefined : readVia(value);
}

export interface CSeq {
  seq: number;
  method: string;
}

export function cseqOf(message: SipMessage): CSeq | undefined {
  const value = header(message, 'CSeq');
  const m = value === undefined ? undefined : /^\s*(\d{1,10})\s+([A-Za-z0-9.!%*_+`'~-]+)\s*$/.exec(value);
  return m ? { seq: Number(m[1]), method: m[2]! } : undefined;
}

/** The tag parameter of a From or To value (outside the <URI> and any quoted display name). */
export function tagOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const outside = value.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/<[^>]*>/g, '<>');
  return /;\s*tag\s*=\s*([^;\s,]+)/i.exec(outside)?.[1];
}
