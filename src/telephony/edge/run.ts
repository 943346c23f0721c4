// `otvet edge` as a process: its logger (JSON, callers' numbers never in it), the edge started, and a
// clean stop on SIGINT/SIGTERM (calls ended and reported, sockets closed, the data folder released).
import { createLogger } from '../../platform/logger.ts';
import type { EdgeConfig } from './config.ts';
import { startEdge } from './edge.ts';

export async function runEdge(config: EdgeConfig): Promise<void> {
  const logger = createLogger(config.log).child({ component: 'edge' });
  const edge = await startEdge(config, logger);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, calls: edge.runner.active }, 'the edge is stopping');
    const force = setTimeout(() => process.exit(1), 15_000).unref();
    try {
      await edge.stop();
    } finally {
      clearTimeout(force);
      process.exit(0);
    }
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}
