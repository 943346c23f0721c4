// Webhook subscribers: each alert that opens or closes is queued for every subscriber of its
// region (or of all regions) in the alert's own transaction, then POSTed with an HMAC signature and
// retried with backoff until it lands — a subscriber that was down still hears of it.
import { createHmac, randomBytes } from 'node:crypto';
import type { Db, Queryable } from '../../platform/db/database.ts';
import type { Logger } from '../../platform/logger.ts';

export interface WebhookRow {
  id: string;
  url: string;
  secret: string;
  region_code: string;
  description: string;
  created_by: string | null;
  created_at: Date;
  disabled_at: Date | null;
}

const MAX_ATTEMPTS = 20;
const TIMEOUT_MS = 5000;

export async function enqueueDeliveries(tx: Queryable, region: string, body: unknown): Promise<void> {
  await tx.query(
    `INSERT INTO mon_webhook_deliveries (webhook_id, body)
     SELECT id, $2::jsonb FROM mon_webhooks WHERE disabled_at IS NULL AND (region_code = 'federal' OR region_code = $1)`,
    [region, JSON.stringify(body)],
  );
}

export async function createWebhook(db: Queryable, w: { url: string; region: string; description: string; by: string | null }): Promise<WebhookRow> {
  const secret = randomBytes(24).toString('base64url');
  const r = await db.query<WebhookRow>('INSERT INTO mon_webhooks (url, secret, region_code, description, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING *', [
    w.url,
    secret,
    w.region,
    w.description,
    w.by,
  ]);
  return r.rows[0]!;
}

export async function listWebhooks(db: Queryable, regions?: string[]): Promise<(WebhookRow & { pending: number; failing: string | null })[]> {
  const r = await db.query<WebhookRow & { pending: number; failing: string | null }>(
    `SELECT w.*, (SELECT count(*)::int FROM mon_webhook_deliveries d WHERE d.webhook_id = w.id AND d.delivered_at IS NULL AND d.attempts < ${MAX_ATTEMPTS}) AS pending,
            (SELECT d.last_error FROM mon_webhook_deliveries d WHERE d.webhook_id = w.id AND d.delivered_at IS NULL AND d.last_error IS NOT NULL ORDER BY d.id DESC LIMIT 1) AS failing
       FROM mon_webhooks w WHERE disabled_at IS NULL AND ($1::text[] IS NULL OR region_code = ANY($1::text[])) ORDER BY id`,
    [regions ?? null],
  );
  return r.rows;
}

export async function webhookById(db: Queryable, id: number): Promise<WebhookRow | undefined> {
  return (await db.query<WebhookRow>('SELECT * FROM mon_webhooks WHERE id = $1 AND disabled_at IS NULL', [id])).rows[0];
}

export async function disableWebhook(db: Queryable, id: number): Promise<void> {
  await db.query('UPDATE mon_webhooks SET disabled_at = now() WHERE id = $1', [id]);
}

export const signature = (secret: string, body: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/** Sends what is due; returns how many landed. Runs on one node at a time (the caller's loop). */
export async function deliverDue(db: Db, log: Logger, now = new Date()): Promise<number> {
  const due = await db.query<{ id: string; url: string; secret: string; body: unknown; attempts: number }>(
    `SELECT d.id, w.url, w.secret, d.body, d.attempts FROM mon_webhook_deliveries d JOIN mon_webhooks w ON w.id = d.webhook_id
      WHERE d.delivered_at IS NULL AND d.attempts < ${MAX_ATTEMPTS} AND d.next_at <= $1 AND w.disabled_at IS NULL
      ORDER BY d.id LIMIT 50`,
    [now],
  );
  let landed = 0;
  for (const d of due.rows) {
    const body = JSON.stringify(d.body);
    let error: string | null = null;
    try {
      const r = await fetch(d.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'otvet-webhook', 'x-otvet-signature': signature(d.secret, body), 'x-otvet-delivery': d.id },
        body,
        signal: AbortSignal.timeout(TIMEOUT_MS),
        redirect: 'error',
      });
      if (r.status < 200 || r.status >= 300) error = `HTTP ${r.status}`;
      await r.body?.cancel();
    } catch (e) {
      error = (e as Error).message;
    }
    if (!error) {
      landed++;
      await db.query('UPDATE mon_webhook_deliveries SET delivered_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = $1', [d.id]);
    } else {
      // 10 s, 20 s, 40 s … at most an hour apart
      const backoff = Math.min(3600, 10 * 2 ** d.attempts);
      await db.query('UPDATE mon_webhook_deliveries SET attempts = attempts + 1, last_error = $2, next_at = now() + make_interval(secs => $3) WHERE id = $1', [d.id, error.slice(0, 500), backoff]);
      log.warn({ delivery: d.id, url: d.url, error, attempt: d.attempts + 1 }, 'monitoring: webhook delivery failed; will retry');
    }
  }
  return landed;
}
