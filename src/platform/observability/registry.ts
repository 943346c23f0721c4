// The process's Prometheus registry: HTTP and database timings, Node's own figures, and whatever
// gauges modules add (the monitoring module's per-region figures).
import client from 'prom-client';

export type Registry = client.Registry;

export interface Observability {
  registry: client.Registry;
  http: client.Histogram<'method' | 'route' | 'status'>;
  db: client.Histogram<'statement' | 'outcome'>;
}

export function createObservability(): Observability {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'otvet_' });
  return {
    registry,
    http: new client.Histogram({
      name: 'otvet_http_request_duration_seconds',
      help: 'HTTP requests by route template and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    db: new client.Histogram({
      name: 'otvet_db_statement_duration_seconds',
      help: 'Database statements by kind (SELECT, INSERT, …) and outcome',
      labelNames: ['statement', 'outcome'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    }),
  };
}

export { client as prometheus };
