// The edge's /metrics (Prometheus): calls held and refused, SIP responses by code, registrations,
// otvet's reachability and the events waiting for it, rtpengine's requests, errors and round trip.
// The parts keep plain counters; this registry reads them at scrape time. No label ever carries a
// caller's number or an operator's name: codes, reasons, commands and kinds only.
import client from 'prom-client';
import type { NgMetricsSnapshot } from '../media/ng-metrics.ts';
import type { ReporterStats } from '../otvet/reporter.ts';
import type { SipCounters } from '../sip/stack.ts';

export interface EdgeSources {
  activeCalls(): number;
  registrations(): number;
  sip(): SipCounters;
  reporter(): ReporterStats;
  refused(): { rate: number; busy: number };
  rtpengine(): NgMetricsSnapshot;
}

export interface EdgeMetrics {
  registry: client.Registry;
  /** A new call was offered to the edge (admitted or not). */
  newCall(): void;
  /** A final or provisional response the edge sent, by code. */
  responseSent(code: number): void;
}

export function createEdgeMetrics(s: EdgeSources): EdgeMetrics {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'otvet_edge_' });
  const registers = [registry];
  const gauge = (name: string, help: string, read: () => number) =>
    new client.Gauge({
      name,
      help,
      registers,
      collect() {
        this.set(read());
      },
    });
  /** A counter kept elsewhere, by label: exposed as a gauge-backed counter (set at scrape time). */
  const counted = <L extends string>(name: string, help: string, labelNames: L[], read: () => { labels: Record<L, string>; value: number }[]) =>
    new client.Gauge({
      name,
      help,
      labelNames,
      registers,
      collect() {
        this.reset();
        for (const { labels, value } of read()) this.set(labels, value);
      },
    });

  gauge('otvet_edge_active_calls', 'Calls the edge holds now', s.activeCalls);
  const calls = new client.Counter({ name: 'otvet_edge_calls_total', help: 'New calls offered to the edge', registers });
  counted('otvet_edge_calls_refused_total', 'New calls answered 503: above the rate of new calls, or with all the calls it may hold', ['reason'], () =>
    Object.entries(s.refused()).map(([reason, value]) => ({ labels: { reason }, value })),
  );
  const responses = new client.Counter({ name: 'otvet_edge_sip_responses_total', help: 'SIP responses the edge sent, by code', labelNames: ['code'], registers });
  counted('otvet_edge_sip_messages_total', 'SIP messages received, and what became of the bad ones', ['outcome'], () => {
    const c = s.sip();
    return [
      { labels: { outcome: 'received' }, value: c.received },
      { labels: { outcome: 'malformed' }, value: c.malformed },
      { labels: { outcome: 'answered_400' }, value: c.badRequestsAnswered },
      { labels: { outcome: 'dropped' }, value: c.dropped },
      { labels: { outcome: 'retransmission' }, value: c.absorbed },
      { labels: { outcome: 'stray_response' }, value: c.strayResponses },
      { labels: { outcome: 'handler_error' }, value: c.handlerErrors },
    ];
  });
  gauge('otvet_edge_registrations', "Operators' phones registered now (contacts)", s.registrations);
  gauge('otvet_edge_otvet_online', '1 while otvet answers, 0 while it is unreachable (callers hear "call later")', () => (s.reporter().online ? 1 : 0));
  gauge('otvet_edge_events_pending', 'Call events on disk not yet acknowledged by otvet', () => s.reporter().pending);
  counted('otvet_edge_events_total', 'Call events otvet gave a verdict on, by verdict', ['verdict'], () => {
    const r = s.reporter();
    return (['accepted', 'duplicate', 'rejected'] as const).map((verdict) => ({ labels: { verdict }, value: r[verdict] }));
  });
  counted('otvet_edge_rtpengine_requests_total', 'Requests to rtpengine (ng protocol), by command', ['command'], () =>
    Object.entries(s.rtpengine().requests).map(([command, value]) => ({ labels: { command }, value })),
  );
  counted('otvet_edge_rtpengine_errors_total', "rtpengine's failures by command and kind (error result, timeout, unreadable reply)", ['command', 'kind'], () =>
    Object.entries(s.rtpengine().failures).flatMap(([command, kinds]) => Object.entries(kinds).map(([kind, value]) => ({ labels: { command, kind }, value }))),
  );
  // The round-trip histogram is kept in Prometheus' own shape; written out as it is.
  registry.registerMetric({
    name: 'otvet_edge_rtpengine_rtt_seconds',
    help: "Seconds from a request to rtpengine's reply",
    type: 'histogram',
    get() {
      const rtt = s.rtpengine().rtt;
      return {
        name: 'otvet_edge_rtpengine_rtt_seconds',
        help: "Seconds from a request to rtpengine's reply",
        type: 'histogram',
        aggregator: 'sum',
        values: [
          ...rtt.buckets.map((b) => ({ value: b.count, labels: { le: b.le }, metricName: 'otvet_edge_rtpengine_rtt_seconds_bucket' })),
          { value: rtt.count, labels: { le: '+Inf' }, metricName: 'otvet_edge_rtpengine_rtt_seconds_bucket' },
          { value: rtt.sum, labels: {}, metricName: 'otvet_edge_rtpengine_rtt_seconds_sum' },
          { value: rtt.count, labels: {}, metricName: 'otvet_edge_rtpengine_rtt_seconds_count' },
        ],
      };
    },
  } as unknown as client.Metric);
  return {
    registry,
    newCall: () => calls.inc(),
    responseSent: (code) => responses.inc({ code: String(code) }),
  };
}
