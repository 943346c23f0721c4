import { describe, expect, it } from 'vitest';
import { NgMetrics } from '../media/ng-metrics.ts';
import { createEdgeMetrics, type EdgeSources } from './metrics.ts';

function sources(): EdgeSources & { ng: NgMetrics } {
  const ng = new NgMetrics();
  return {
    ng,
    activeCalls: () => 3,
    registrations: () => 2,
    sip: () => ({ received: 10, malformed: 1, badRequestsAnswered: 1, dropped: 0, absorbed: 2, strayResponses: 0, handlerErrors: 0 }),
    reporter: () => ({ online: true, pending: 4, sent: 20, accepted: 19, duplicate: 1, rejected: 0, failures: 2, requests: 5 }),
    refused: () => ({ rate: 7, busy: 1 }),
    rtpengine: () => ng.snapshot(),
  };
}

describe("the edge's /metrics", () => {
  it('reads its figures at scrape time from the parts that keep them', async () => {
    const s = sources();
    s.ng.request('offer');
    s.ng.failure('offer', 'timeout');
    s.ng.roundTrip(0.002);
    const m = createEdgeMetrics(s);
    m.newCall();
    m.newCall();
    m.responseSent(200);
    m.responseSent(503);
    m.responseSent(503);
    const text = await m.registry.metrics();
    expect(text).toMatch(/^otvet_edge_active_calls 3$/m);
    expect(text).toMatch(/^otvet_edge_calls_total 2$/m);
    expect(text).toMatch(/^otvet_edge_calls_refused_total\{reason="rate"\} 7$/m);
    expect(text).toMatch(/^otvet_edge_sip_responses_total\{code="503"\} 2$/m);
    expect(text).toMatch(/^otvet_edge_sip_responses_total\{code="200"\} 1$/m);
    expect(text).toMatch(/^otvet_edge_sip_messages_total\{outcome="malformed"\} 1$/m);
    expect(text).toMatch(/^otvet_edge_registrations 2$/m);
    expect(text).toMatch(/^otvet_edge_otvet_online 1$/m);
    expect(text).toMatch(/^otvet_edge_events_pending 4$/m);
    expect(text).toMatch(/^otvet_edge_rtpengine_requests_total\{command="offer"\} 1$/m);
    expect(text).toMatch(/^otvet_edge_rtpengine_errors_total\{command="offer",kind="timeout"\} 1$/m);
    expect(text).toMatch(/^otvet_edge_rtpengine_rtt_seconds_bucket\{le="0.0025"\} 1$/m);
    expect(text).toMatch(/^otvet_edge_rtpengine_rtt_seconds_count 1$/m);
  });

  it('never carries a caller number: its only labels are codes, reasons, commands and kinds', async () => {
    const m = createEdgeMetrics(sources());
    const labels = new Set([...(await m.registry.metrics()).matchAll(/\{([^}]*)\}/g)].flatMap((x) => x[1]!.split(',').map((kv: string) => kv.split('=')[0])));
    // (type, space, major, minor, patch, version, kind: Node's own figures, from prom-client's defaults)
    const allowed = ['code', 'reason', 'outcome', 'command', 'kind', 'le', 'verdict', 'type', 'space', 'major', 'minor', 'patch', 'version'];
    expect([...labels].filter((l) => !allowed.includes(l!))).toEqual([]);
  });
});
