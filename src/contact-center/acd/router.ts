// The routing rule, as a pure function: oldest waiting call first; to the ready operator who has
// been idle longest among those with the call's skill (any operator once the call's skills were
// widened, and operators without listed skills take anything).

export interface WaitingCall {
  callId: string;
  queueId: number;
  topic: string | null;
  queuedAt: Date;
  /** Skills no longer required (an escalation step widened them). */
  widened: boolean;
  callback: boolean;
}

export interface ReadyOperator {
  userId: number;
  skills: string[];
  idleSince: Date | null;
}

export interface Assignment {
  callId: string;
  operatorId: number;
}

export function canTake(op: ReadyOperator, call: WaitingCall): boolean {
  return call.widened || !call.topic || op.skills.length === 0 || op.skills.includes(call.topic);
}

export function route(calls: WaitingCall[], operators: ReadyOperator[]): Assignment[] {
  const free = [...operators].sort((a, b) => (a.idleSince?.getTime() ?? 0) - (b.idleSince?.getTime() ?? 0) || a.userId - b.userId);
  // Live callers before callbacks; among each, who waited longest.
  const order = [...calls].sort((a, b) => Number(a.callback) - Number(b.callback) || a.queuedAt.getTime() - b.queuedAt.getTime() || (a.callId < b.callId ? -1 : 1));
  const out: Assignment[] = [];
  for (const call of order) {
    if (!free.length) break;
    const i = free.findIndex((op) => canTake(op, call));
    if (i < 0) continue;
    out.push({ callId: call.callId, operatorId: free[i]!.userId });
    free.splice(i, 1);
  }
  return out;
}

/** The handling time (talk and wrap-up) the ACD's estimates assume for every call. */
export const AVERAGE_HANDLING_SECONDS = 180;

/**
 * Estimated wait for a new caller: the callers ahead, spread over the operators at work, each
 * taking the average handling time.
 */
export function estimatedWaitSeconds(ahead: number, operatorsAtWork: number, ahtSeconds: number): number {
  if (operatorsAtWork === 0) return Infinity;
  return Math.round(((ahead + 1) / operatorsAtWork) * ahtSeconds);
}
