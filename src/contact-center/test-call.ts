// Demo mode's «Тестовый звонок»: a newcomer at the workstation rings themselves. otvet plays the
// telephony edge for one call and reports it through the telephony events service, as any edge does
// (offered in the operator's region, queued, then rung at this operator, as a PBX reports a ring it
// made); from there the call takes the real path: the seat rings, the ACD times the ring, the
// workstation answers, hangs up and wraps up through the API. The test caller is silent, gives up
// when the ring ends unanswered and hangs up after a few minutes' talk. Outside demo mode: refused.
import { randomUUID } from 'node:crypto';
import { authorize } from '../platform/access/authorize.ts';
import { FEDERAL, systemActor, type ActorContext } from '../platform/access/principal.ts';
import type { Db } from '../platform/db/database.ts';
import { conflict, notFound } from '../platform/errors.ts';
import { agentById } from './agents-queries.ts';
import { callById } from './calls-queries.ts';
import type { Queues } from './queues.ts';
import type { TelephonyService } from './telephony-service.ts';

/** The test caller's number: no one's (no Russian number starts +7 0). */
export const TEST_CALLER = '+70000000122';
/** How long the test caller stays on the line once answered, unless the operator hangs up first. */
const TALK_MS = 5 * 60_000;
/** A federal (reserve) operator is rung with a Moscow call. */
const RESERVE_REGION = '77';

export class TestCalls {
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(
    private readonly db: Db,
    private readonly telephony: TelephonyService,
    private readonly queues: Queues,
    private readonly log: { warn: (obj: object, msg: string) => void },
    /** serve --demo: only then are there test calls. */
    private readonly demo: boolean,
  ) {}

  /** Rings the signed-in operator, who must be ready, with a test call; its id. */
  async ring(ctx: ActorContext): Promise<{ callId: string }> {
    const p = authorize(ctx, 'agent.work')!;
    if (!this.demo) throw notFound('test_call.demo_only', 'Test calls exist in demo mode only (otvet serve --demo).');
    const seat = await agentById(this.db, p.userId);
    if (!seat || seat.state !== 'ready' || seat.call_id !== null) {
      throw conflict('test_call.not_ready', 'A test call rings only an operator who is ready for calls and has none: go ready first.');
    }
    const callId = `test-${randomUUID()}`;
    const at = new Date().toISOString();
    const region = p.region === FEDERAL ? RESERVE_REGION : p.region;
    // (one batch, in the order a call lives: nobody else can be rung for it between its queueing and its ring)
    const verdicts = await this.report(callId, [
      { type: 'offered', at, region, caller: TEST_CALLER, dialled: '122' },
      { type: 'queued', at },
      { type: 'ringing', at, operator: p.username },
    ]);
    const refused = verdicts.find((v) => v.status !== 'accepted');
    if (refused) throw conflict('test_call.refused', `The test call was not placed: ${refused.reason ?? refused.status}.`);
    const call = await callById(this.db, callId);
    const ringMs = (this.queues.get(call?.queue_id ?? 0)?.ringTimeoutSeconds ?? 20) * 1000;
    // unanswered when the ring ends: the caller gives up rather than wait for someone else
    this.after(ringMs + 1000, async () => {
      const now = await callById(this.db, callId);
      if (now && (now.state === 'ringing' || now.state === 'waiting')) await this.report(callId, [{ type: 'abandoned', at: new Date().toISOString(), reason: 'test_call_unanswered' }]);
      else if (now?.state === 'talking') this.after(TALK_MS, () => this.hangUp(callId));
    });
    return { callId };
  }

  private async hangUp(callId: string): Promise<void> {
    const now = await callById(this.db, callId);
    if (now?.state === 'talking') await this.report(callId, [{ type: 'ended', at: new Date().toISOString(), reason: 'test_caller_hung_up' }]);
  }

  private report(callId: string, events: Record<string, unknown>[]) {
    return this.telephony.ingest(
      systemActor('test-call'),
      events.map((e, i) => ({ id: `${callId}-${e.type as string}-${i}`, callId, ...e })),
    );
  }

  private after(ms: number, run: () => Promise<void>): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run().catch((err: unknown) => this.log.warn({ err }, 'test call: the test caller could not report'));
    }, ms);
    timer.unref();
    this.timers.add(timer);
  }

  /** The app is closing: the test callers' timers with it. */
  stop(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
