import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { createLogger } from '../../platform/logger.ts';
import { DecisionsClient, type Decision } from '../otvet/decisions.ts';
import { decisionInput, type PhoneContact } from './runner-decisions.ts';

const phones: Record<string, PhoneContact[]> = {
  ivanova: [
    { uri: 'sip:ivanova@10.0.0.7:5062', target: { transport: 'udp', address: '203.0.113.9', port: 40112 } },
    { uri: 'sip:ivanova@10.0.0.8', target: { transport: 'tcp', address: '10.0.0.8', port: 50001 } },
  ],
};
const contactsOf = (u: string) => phones[u] ?? [];
const decision = (type: Decision['type'], operator?: string): Decision => ({
  id: `d-${type}`,
  type,
  callId: 'c1',
  region: '77',
  queueRegion: '77',
  ...(operator ? { operator: { id: 31, username: operator } } : {}),
  at: '2026-12-05T10:00:00.000Z',
});

describe("otvet's decisions as the call core's inputs", () => {
  it('connect and callback ring the operator’s phones registered now (none: nobody rings)', () => {
    expect(decisionInput(decision('connect', 'ivanova'), contactsOf)).toEqual({
      decision: { decisionId: 'd-connect', kind: 'connect', operator: 'ivanova', contacts: ['sip:ivanova@10.0.0.7:5062', 'sip:ivanova@10.0.0.8'] },
      phones: phones.ivanova,
    });
    expect(decisionInput(decision('callback', 'petrov'), contactsOf)?.decision).toEqual({ decisionId: 'd-callback', kind: 'callback', operator: 'petrov', contacts: [] });
    expect(decisionInput(decision('connect'), contactsOf)).toBeNull();
  });

  it('the others, with the operator when named', () => {
    expect(decisionInput(decision('stop_ringing', 'ivanova'), contactsOf)?.decision).toEqual({ decisionId: 'd-stop_ringing', kind: 'stop_ringing', operator: 'ivanova' });
    expect(decisionInput(decision('stop_ringing'), contactsOf)?.decision).toEqual({ decisionId: 'd-stop_ringing', kind: 'stop_ringing' });
    expect(decisionInput(decision('offer_callback'), contactsOf)?.decision).toEqual({ decisionId: 'd-offer_callback', kind: 'offer_callback' });
    expect(decisionInput(decision('bridge', 'ivanova'), contactsOf)?.decision).toMatchObject({ kind: 'bridge', operator: 'ivanova', contacts: ['sip:ivanova@10.0.0.7:5062', 'sip:ivanova@10.0.0.8'] });
    expect(decisionInput(decision('hangup'), contactsOf)?.decision).toEqual({ decisionId: 'd-hangup', kind: 'hangup' });
  });

  it('transfer: the operator passing the call on when named, and no phone to ring', () => {
    expect(decisionInput(decision('transfer', 'ivanova'), contactsOf)).toEqual({ decision: { decisionId: 'd-transfer', kind: 'transfer', operator: 'ivanova' }, phones: [] });
    expect(decisionInput(decision('transfer'), contactsOf)).toEqual({ decision: { decisionId: 'd-transfer', kind: 'transfer' }, phones: [] });
  });

  it('the decisions stream understands transfer (not skipped as unknown)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'otvet-edge-'));
    onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
    const sent = { id: 'd-9', type: 'transfer', callId: 'c1', region: '77', queueRegion: '77', operator: { id: 31, username: 'ivanova' }, at: '2026-12-05T10:00:00.000Z' };
    // One stream with the decision, then silence (the client's reconnects wait behind a long backoff).
    const stream = () => new Response(`id: 9\ndata: ${JSON.stringify(sent)}\n\n`, { headers: { 'content-type': 'text/event-stream' } });
    const got: Decision[] = [];
    const client = new DecisionsClient({
      connection: { baseUrl: 'http://otvet.invalid', token: 't', fetch: async () => stream() },
      dataDir: dir,
      logger: createLogger({ level: 'silent', format: 'json' }),
      onDecision: (d) => void got.push(d),
      backoff: { initialMs: 60_000, maxMs: 60_000 },
    });
    await client.start();
    await vi.waitFor(() => expect(got).toEqual([sent]));
    expect(client.stats().skipped).toBe(0);
    await client.stop();
  });
});
