// Mutated torture messages (seeded, so a failure reproduces): whatever the bytes, the parser and the
// stream framer throw nothing but SipParseError, validation throws nothing, and what parses is
// written back and parsed again to the same message.
import fs from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { SipMessage } from './message.ts';
import { SipParseError, parseMessage } from './parse.ts';
import { serializeMessage } from './serialize.ts';
import { StreamFramer } from './stream-framer.ts';
import { validateMessage } from './validate.ts';

const dir = new URL('./rfc4475/', import.meta.url);
const fixtures = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.dat'))
  .sort()
  .map((f) => fs.readFileSync(new URL(f, dir)));

/** mulberry32: a small seeded generator. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Bytes that matter to the grammar, more likely than others.
const SPECIAL = Buffer.from('\r\n \t:;,"<>\\%@=?/[]\x00\xff0123456789', 'latin1');

function mutate(input: Buffer, rnd: () => number): Buffer {
  let b = Buffer.from(input);
  const at = () => Math.floor(rnd() * (b.length + 1));
  const byte = () => (rnd() < 0.7 ? SPECIAL[Math.floor(rnd() * SPECIAL.length)]! : Math.floor(rnd() * 256));
  for (let n = 1 + Math.floor(rnd() * 4); n > 0; n--) {
    const i = at();
    switch (Math.floor(rnd() * 6)) {
      case 0: // replace a byte
        if (i < b.length) b[i] = byte();
        break;
      case 1: // insert bytes
        b = Buffer.concat([b.subarray(0, i), Buffer.from(Array.from({ length: 1 + Math.floor(rnd() * 3) }, byte)), b.subarray(i)]);
        break;
      case 2: // delete a run
        b = Buffer.concat([b.subarray(0, i), b.subarray(i + 1 + Math.floor(rnd() * 8))]);
        break;
      case 3: {
        // repeat a run
        const len = Math.floor(rnd() * 40);
        b = Buffer.concat([b.subarray(0, i + len), b.subarray(i, i + len), b.subarray(i + len)]);
        break;
      }
      case 4: // cut short
        b = b.subarray(0, i);
        break;
      default: // fold or break a line
        b = Buffer.concat([b.subarray(0, i), Buffer.from(rnd() < 0.5 ? '\r\n ' : '\r\n'), b.subarray(i)]);
    }
  }
  return b;
}

function onlySipParseError(run: () => void): void {
  try {
    run();
  } catch (e) {
    if (!(e instanceof SipParseError)) throw e;
  }
}

function parsedOrUndefined(input: Buffer, stream: boolean): SipMessage | undefined {
  try {
    return parseMessage(input, { stream });
  } catch (e) {
    if (e instanceof SipParseError) return undefined;
    throw e;
  }
}

const withoutLength = (m: SipMessage) => ({ ...m, headers: m.headers.filter((h) => h.name !== 'Content-Length') });

describe('fuzzing the syntax layer with mutated RFC 4475 messages', () => {
  it('throws only SipParseError, and what parses survives a round trip, over 20 000 seeded mutations', () => {
    const rnd = random(4475);
    let parsed = 0;
    for (let i = 0; i < 20_000; i++) {
      const input = mutate(fixtures[Math.floor(rnd() * fixtures.length)]!, rnd);
      try {
        const m = parsedOrUndefined(input, rnd() < 0.2);
        if (m) {
          // What parsed must validate without throwing, and survive being written and read again.
          parsed++;
          validateMessage(m);
          const again = parseMessage(serializeMessage(m), { stream: true });
          if (!isDeepStrictEqual(withoutLength(again), withoutLength(m))) throw new Error(`read again as ${JSON.stringify(again)}`);
        }
        onlySipParseError(() => {
          const framer = new StreamFramer();
          for (let at = 0; at < input.length;) {
            const size = 1 + Math.floor(rnd() * 200);
            framer.push(input.subarray(at, at + size));
            at += size;
          }
        });
      } catch (e) {
        throw new Error(`iteration ${i}: ${JSON.stringify(input.toString('latin1'))}\n${String(e)}`, { cause: e });
      }
    }
    // The mutations must leave many messages parseable, or the round trip is not exercised.
    expect(parsed).toBeGreaterThan(2_000);
  });
});
