// How long a waiting caller will wait, for the SIP edge's announcements: the ACD's estimate
// (callers ahead spread over the operators at work, each taking the average handling time), from
// the database, so any node answers the same.
import { authorize } from '../platform/access/authorize.ts';
import { FEDERAL, type ActorContext } from '../platform/access/principal.ts';
import type { Db } from '../platform/db/database.ts';
import { notFound } from '../platform/errors.ts';
import { AVERAGE_HANDLING_SECONDS, estimatedWaitSeconds } from './acd/router.ts';
import type { CallState } from './call-fold.ts';
import { callById } from './calls-queries.ts';
import { waitFigures } from './wait-queries.ts';

export interface WaitEstimate {
  state: CallState;
  /** 1 = next to be routed; null unless the call waits in a queue. */
  position: number | null;
  /** null unless the call waits, or when nobody is at work to take it. */
  estimatedWaitSeconds: number | null;
}

export class WaitService {
  constructor(private readonly db: Db) {}

  async estimate(ctx: ActorContext, callId: string): Promise<WaitEstimate> {
    const p = authorize(ctx, 'telephony.wait');
    const scope = p && p.region !== FEDERAL ? p.region : undefined;
    const call = await callById(this.db, callId);
    // A regional edge sees its region's calls (offered there or queued there after an overflow);
    // another region's call is as unknown as one that never was.
    if (!call || (scope !== undefined && call.region_code !== scope && call.queue_region !== scope)) throw notFound('call.not_found', `There is no call ${callId}.`);
    const since = call.queued_at ?? call.offered_at;
    if (call.state !== 'waiting' || call.queue_id === null || !call.queue_region || !since) return { state: call.state, position: null, estimatedWaitSeconds: null };
    const { ahead, atWork } = await waitFigures(this.db, { callId, queueId: call.queue_id, queueRegion: call.queue_region, since });
    const seconds = estimatedWaitSeconds(ahead, atWork, AVERAGE_HANDLING_SECONDS);
    return { state: call.state, position: ahead + 1, estimatedWaitSeconds: Number.isFinite(seconds) ? seconds : null };
  }
}
