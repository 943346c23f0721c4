// Queues: each region has its own ("general" at least) and the federal reserve centre has one that
// takes overflow from everywhere. Kept in memory on every node, reloaded when changed.
import { z } from 'zod';
import type { Db, Queryable } from '../platform/db/database.ts';
import { ccTopics } from './events.ts';

export const escalationStepSchema = z.union([
  z.object({ afterSeconds: z.number().int().min(0).max(3600), action: z.literal('widen_skills') }),
  z.object({
    afterSeconds: z.number().int().min(0).max(3600).optional(),
    whenNoOperators: z.boolean().optional(),
    action: z.literal('overflow'),
    to: z
      .array(z.string().regex(/^(federal|[0-9]{2})$/))
      .min(1)
      .describe('"federal" (the reserve centre) or neighbour region codes, tried in order'),
  }),
]);
export type EscalationStep = z.infer<typeof escalationStepSchema>;

export interface Queue {
  id: number;
  region: string;
  name: string;
  title: string;
  skills: string[];
  escalation: EscalationStep[];
  callbackThresholdSeconds: number;
  ringTimeoutSeconds: number;
  /** After this many seconds of wrap-up the system closes it (0 = at once); null = the operator does. */
  wrapUpSeconds: number | null;
}

interface Row {
  id: number;
  region_code: string;
  name: string;
  title: string;
  skills: string[];
  escalation: EscalationStep[];
  callback_threshold_seconds: number;
  ring_timeout_seconds: number;
  wrap_up_seconds: number | null;
}

const toQueue = (r: Row): Queue => ({
  id: r.id,
  region: r.region_code,
  name: r.name,
  title: r.title,
  skills: r.skills,
  escalation: r.escalation,
  callbackThresholdSeconds: r.callback_threshold_seconds,
  ringTimeoutSeconds: r.ring_timeout_seconds,
  wrapUpSeconds: r.wrap_up_seconds,
});

export const defaultEscalation: EscalationStep[] = [
  { afterSeconds: 60, action: 'widen_skills' },
  { whenNoOperators: true, action: 'overflow', to: ['federal'] },
  { afterSeconds: 180, action: 'overflow', to: ['federal'] },
];

export class Queues {
  private byId = new Map<number, Queue>();

  constructor(private readonly db: Db) {}

  /** A general queue for every region and the federal reserve queue, where missing. */
  async ensureDefaults(regionCodes: string[]): Promise<void> {
    await this.db.query(
      `INSERT INTO cc_queues (region_code, name, title, escalation)
       SELECT code, 'general', CASE WHEN code = 'federal' THEN 'Федеральный резерв' ELSE 'Общая очередь' END,
              CASE WHEN code = 'federal' THEN '[]'::jsonb ELSE $2::jsonb END
         FROM unnest($1::text[]) AS code
       ON CONFLICT (region_code, name) DO NOTHING`,
      [[...regionCodes, 'federal'], JSON.stringify(defaultEscalation)],
    );
    await this.load();
  }

  async load(db: Queryable = this.db): Promise<void> {
    const r = await db.query<Row>('SELECT * FROM cc_queues ORDER BY id');
    this.byId = new Map(r.rows.map((row) => [row.id, toQueue(row)]));
  }

  get(id: number): Queue | undefined {
    return this.byId.get(id);
  }

  all(): Queue[] {
    return [...this.byId.values()];
  }

  ofRegion(region: string): Queue[] {
    return this.all().filter((q) => q.region === region);
  }

  /** The queue a call goes to: the one named, else one that takes its topic, else the general one. */
  resolve(region: string, name?: string | null, topic?: string | null): Queue | undefined {
    const mine = this.ofRegion(region);
    if (name) return mine.find((q) => q.name === name);
    return (topic ? mine.find((q) => q.skills.includes(topic)) : undefined) ?? mine.find((q) => q.name === 'general') ?? mine[0];
  }

  async update(tx: Queryable, id: number, set: Partial<Pick<Queue, 'title' | 'skills' | 'escalation' | 'callbackThresholdSeconds' | 'ringTimeoutSeconds' | 'wrapUpSeconds'>>): Promise<void> {
    await tx.query(
      `UPDATE cc_queues SET title = coalesce($2, title), skills = coalesce($3, skills), escalation = coalesce($4::jsonb, escalation),
         callback_threshold_seconds = coalesce($5, callback_threshold_seconds), ring_timeout_seconds = coalesce($6, ring_timeout_seconds),
         wrap_up_seconds = CASE WHEN $7 THEN $8::int ELSE wrap_up_seconds END, updated_at = now() WHERE id = $1`,
      [
        id,
        set.title ?? null,
        set.skills ?? null,
        set.escalation ? JSON.stringify(set.escalation) : null,
        set.callbackThresholdSeconds ?? null,
        set.ringTimeoutSeconds ?? null,
        set.wrapUpSeconds !== undefined,
        set.wrapUpSeconds ?? null,
      ],
    );
    await ccTopics.publish(tx, 'cc.queues.changed', { id });
  }
}
