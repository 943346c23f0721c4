// Operators' phones: every registered contact of the operator rung at once, `ringing` reported at
// the first 180/183 (not at the INVITE: a contact may be stale or unreachable, and the report would
// say a phone rang that never did; otvet already knows it decided to ring), the first 200 bridged
// and reported `answered`, the other legs cancelled; a 200 that comes too late is hung up.
import type { LegEvent } from './call-inputs.ts';
import type { Effects } from './call-effects.ts';
import { cancelLegs, finish, legGone } from './call-end.ts';
import { pauseAnnouncements, resumeAnnouncements } from './call-waiting.ts';

/** Ring an operator's contacts (none: nothing rings, and otvet's ring timeout will bring stop_ringing). */
export function startRing(fx: Effects, operator: string, contacts: string[], workstation = false): void {
  const c = fx.call;
  c.ring = { operator, reported: false, workstation };
  const unique = [...new Set(contacts)];
  if (!unique.length) return;
  const legs = unique.map((contact) => ({ legId: `${c.callId}/${++c.legCount}`, contact }));
  c.legs.push(...legs.map((l) => ({ ...l, operator, state: 'trying' as const })));
  fx.push({ type: 'ring', operator, legs });
  pauseAnnouncements(fx);
  fx.setTimer('ring_safety', c.timing.ringSafetySeconds * 1000);
}

/** Stop ringing: legs cancelled, the caller back to hold music with announcements (unless another ring follows at once). */
export function stopRing(fx: Effects, resume = true): void {
  const c = fx.call;
  c.ring = null;
  cancelLegs(fx);
  fx.clearTimer('ring_safety');
  if (resume) resumeAnnouncements(fx);
}

/** Whether an operator phone is ringing for the call now. */
export const phoneRinging = (fx: Effects): boolean => {
  const ring = fx.call.ring;
  return !!ring && fx.call.legs.some((l) => l.operator === ring.operator && l.state !== 'cancelling');
};

export function onLeg(fx: Effects, legId: string, event: LegEvent): void {
  const c = fx.call;
  if (c.talking?.legId === legId) {
    if (c.phase !== 'talking') return;
    if (event === 'bye') operatorHungUp(fx);
    else if (event === 'held' || event === 'resumed') holdChanged(fx, event === 'held');
    return;
  }
  const leg = c.legs.find((l) => l.legId === legId);
  if (!leg) {
    // A leg we no longer hold that picks up would stay off-hook in a dead dialog.
    if (event === 'answered') fx.push({ type: 'bye_leg', legId });
    return;
  }
  switch (event) {
    case 'provisional': {
      if (leg.state === 'trying') leg.state = 'early';
      const ring = c.ring;
      if (c.phase === 'waiting' && ring && ring.operator === leg.operator && leg.state !== 'cancelling' && !ring.reported && !ring.workstation) {
        ring.reported = true;
        fx.report('ringing', { operator: ring.operator });
      }
      return;
    }
    case 'answered':
      return answered(fx, legId);
    case 'failed':
      return legGone(fx, legId);
    case 'bye':
      return legGone(fx, legId);
    default:
      // (a hold on a leg not in conversation holds nobody)
      return;
  }
}

/** The caller hears hold music while the operator's phone holds them, not silence; nothing of it goes to otvet. */
function holdChanged(fx: Effects, held: boolean): void {
  const talking = fx.call.talking!;
  if (held === !!talking.held) return;
  if (held) {
    talking.held = true;
    fx.play({ name: 'hold_music' });
  } else {
    delete talking.held;
    fx.push({ type: 'stop_playing' });
  }
}

/** A 200 on an operator leg: the first while ringing wins; any other is hung up. */
function answered(fx: Effects, legId: string): void {
  const c = fx.call;
  const leg = c.legs.find((l) => l.legId === legId)!;
  const ring = c.ring;
  if (c.phase !== 'waiting' || !c.callerUp || !ring || leg.operator !== ring.operator || leg.state === 'cancelling') {
    fx.push({ type: 'bye_leg', legId });
    return legGone(fx, legId);
  }
  c.legs = c.legs.filter((l) => l.legId !== legId);
  c.ring = null;
  c.talking = { legId, operator: leg.operator };
  c.answered = true;
  c.phase = 'talking';
  cancelLegs(fx);
  if (!ring.workstation) fx.report('answered', { operator: leg.operator });
  pauseAnnouncements(fx);
  fx.clearTimers('ring_safety', 'otvet_down');
  fx.push({ type: 'stop_playing' });
  fx.push({ type: 'bridge', legId });
}

/** The operator hung up the conversation: `ended`, the caller hung up. */
function operatorHungUp(fx: Effects): void {
  fx.call.talking = null;
  fx.push({ type: 'bye_caller' });
  fx.report('ended', { reason: 'operator_hung_up' });
  finish(fx);
}
