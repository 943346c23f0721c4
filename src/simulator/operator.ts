// One operator at a workstation, through the operator's API with their own token: signs in at the
// shift's start (POST /api/v1/agent/state ready), picks up the phone the ACD rings after a moment
// (the edge reports `answered`) — or now and then not at all, and the ring times out —, talks,
// sometimes ends the call (POST …/hangup), wraps up (POST …/wrap-up) and is ready again; takes the
// shift's breaks, and leaves at its end (after the call in hand).
import type { Api } from './api.ts';
import type { Rng } from './random.ts';
import type { Shift } from './staffing.ts';
import type { SimCall, SimOperator, World } from './world.ts';

type OperatorState = 'off' | 'ready' | 'ringing' | 'talking' | 'wrapping' | 'break' | 'missed';

interface AgentView {
  state: 'offline' | 'ready' | 'ringing' | 'talking' | 'wrap_up' | 'break';
  reason: string | null;
  callId: string | null;
  breakAfter: string | null;
}

const SECOND = 1000;

export class OperatorSim implements SimOperator {
  state: OperatorState = 'off';
  call: SimCall | undefined;
  private ringingFor: string | undefined;
  /** A break (or the end of the shift) asked for during a call: it starts after the wrap-up. */
  private pending: { reason: string; ms: number; leave: boolean } | undefined;
  private leaving = false;
  /** Signed out at the end of the run: no more requests (the token is about to be revoked). */
  private closed = false;
  private readonly rng: Rng;

  constructor(
    readonly shift: Shift,
    readonly userId: number,
    private readonly api: Api,
    private readonly w: World,
  ) {
    this.rng = w.rng.fork(`operator/${shift.username}`);
  }

  get username(): string {
    return this.shift.username;
  }

  get busy(): boolean {
    return this.state === 'ringing' || this.state === 'talking' || this.state === 'wrapping';
  }

  /** Puts the shift on the clock: sign-in, breaks, the end. */
  schedule(runStart: number, runEnd: number): void {
    const c = this.w.clock;
    c.at(Math.max(this.shift.start, runStart), () => void this.ready());
    for (const b of this.shift.breaks) if (b.at > runStart && b.at < runEnd) c.at(b.at, () => void this.takeBreak(b.reason, b.ms, false));
    if (this.shift.end < runEnd) c.at(this.shift.end, () => void this.takeBreak('end_of_shift', 0, true));
  }

  private async setState(state: 'ready' | 'break' | 'offline', reason?: string): Promise<AgentView | null> {
    if (this.closed) return null;
    try {
      const r = await this.api.request<AgentView>('POST', '/api/v1/agent/state', { state, ...(reason ? { reason } : {}) });
      if (r.status === 200) return r.body;
      if (r.status !== 409) this.w.ledger.error(`operator state ${state}`, new Error(`${r.status}`));
      return null;
    } catch (e) {
      this.w.ledger.error(`operator state ${state}`, e);
      return null;
    }
  }

  /** Ready for calls (at sign-in, after a break, after a missed ring). */
  async ready(): Promise<void> {
    if (this.leaving) return void this.leave();
    // Ready from the moment we ask: the ACD may ring us before the answer to this request arrives.
    if (!this.busy) this.state = 'ready';
    const view = await this.setState('ready');
    if (view) this.follow(view);
    // Refused (rung meanwhile, or a seat still ringing from before): look again in a while.
    else this.w.clock.after(30 * SECOND, () => void (this.state === 'ready' && this.ready()));
  }

  /** Our idea of our state from the server's (a call in progress is ours to follow). */
  private follow(view: AgentView): void {
    if (this.busy) return;
    if (view.state === 'ready') this.state = 'ready';
    else if (view.state === 'break') this.state = view.reason === 'missed' ? 'missed' : 'break';
    else if (view.state === 'offline') this.state = 'off';
  }

  /**
   * The ACD rings this operator for the call (otvet rings only an operator it holds ready, so
   * whatever we thought, we are being rung now).
   */
  offer(call: SimCall | string, _callback: boolean): void {
    const id = typeof call === 'string' ? call : call.id;
    if (this.ringingFor === id) return;
    this.state = 'ringing';
    this.ringingFor = id;
    // A call that is not the simulation's (a person's test call): let it ring out.
    if (typeof call === 'string') return;
    // Should nothing be heard of this ring (a lost decision), look again later.
    this.w.clock.after(150 * SECOND, () => void (this.ringingFor === id && this.resync()));
    if (this.rng.chance(this.w.behaviour.noAnswer)) return; // away from the desk: the ring times out
    const delay = (1 + this.rng.logNormal(2.5, 0.6)) * SECOND;
    this.w.clock.after(delay, () => void this.answer(call));
  }

  private async answer(call: SimCall): Promise<void> {
    if (this.ringingFor !== call.id || this.state !== 'ringing') return;
    if (await call.pickUp(this)) {
      this.ringingFor = undefined;
      this.state = 'talking';
      this.call = call;
      call.onAnswered(this);
      // The caller may have hung up the instant we answered: then the call is over already.
      if (call.state === 'done') this.callEnded(call);
      return;
    }
    // Too late: the caller hung up or the ring timed out. Unless told already, ask where we stand.
    if (this.ringingFor === call.id) await this.resync();
  }

  /** The ACD took the call back (ring timeout): otvet puts us on a "missed" break; we come back soon. */
  ringStopped(callId: string): void {
    if (this.ringingFor !== callId) return;
    this.ringingFor = undefined;
    this.state = 'missed';
    this.w.clock.after(this.rng.uniform(10, 40) * SECOND, () => void this.back());
  }

  /** The caller hung up while we were being rung: otvet makes us ready again. */
  callGone(callId: string): void {
    if (this.ringingFor !== callId) return;
    this.ringingFor = undefined;
    this.state = 'ready';
  }

  private async back(): Promise<void> {
    if (this.state !== 'missed' && this.state !== 'break') return;
    if (this.leaving) return void this.leave();
    await this.ready();
  }

  /** Where otvet says we stand, unless a new ring came meanwhile. */
  private async resync(): Promise<void> {
    const before = this.ringingFor;
    try {
      const view = await this.api.get<AgentView>('/api/v1/agent');
      if (this.ringingFor !== before || view.state === 'ringing') return; // a ring's decision is on its way, or came
      this.ringingFor = undefined;
      if (this.state === 'ringing') this.state = 'ready';
      this.follow(view);
      if (this.state === 'missed') this.w.clock.after(this.rng.uniform(10, 40) * SECOND, () => void this.back());
    } catch (e) {
      this.w.ledger.error('agent', e);
    }
  }

  /** We end the call from the workstation. */
  async hangUp(call: SimCall): Promise<void> {
    try {
      const r = await this.api.request('POST', `/api/v1/agent/calls/${encodeURIComponent(call.id)}/hangup`);
      if (r.status === 204) this.w.ledger.operatorHangUps++;
    } catch (e) {
      this.w.ledger.error('hangup', e);
    }
    this.callEnded(call);
  }

  /** The call is over: wrap-up, then ready (or the break asked for). */
  callEnded(call: SimCall): void {
    if (this.call !== call || this.state !== 'talking') return;
    this.state = 'wrapping';
    this.w.clock.after(call.a.wrapUpMs, () => void this.wrapUp(call));
  }

  private async wrapUp(call: SimCall): Promise<void> {
    if (this.call !== call || this.state !== 'wrapping') return;
    const a = call.a;
    const p = this.pending;
    this.pending = undefined;
    // Free from the moment we send it: otvet may ring us again before the answer arrives.
    this.call = undefined;
    this.state = p ? 'break' : 'ready';
    try {
      const r = await this.api.request('POST', `/api/v1/agent/calls/${encodeURIComponent(call.id)}/wrap-up`, { outcome: a.outcome, topics: a.topics, answersUsed: a.answersUsed });
      if (r.status === 204) this.w.ledger.wrapUps++;
      else this.w.ledger.error('wrap-up', new Error(`${r.status} ${(r.body as { code?: string } | null)?.code ?? ''}`));
    } catch (e) {
      this.w.ledger.error('wrap-up', e);
    }
    if (p?.leave || (this.leaving && !this.busy)) return void this.leave();
    if (p && this.state === 'break') this.w.clock.after(p.ms, () => void this.back());
  }

  /** A break from the shift's plan, or (leave) the end of the shift. */
  async takeBreak(reason: string, ms: number, leave: boolean): Promise<void> {
    if (leave) this.leaving = true;
    if (this.state === 'off') return;
    if (this.state === 'ringing' || this.state === 'missed' || (this.state === 'break' && !leave)) {
      // Not now: try again in a minute (a missed ring's break ends by itself).
      if (this.state === 'ringing') this.w.clock.after(60 * SECOND, () => void this.takeBreak(reason, ms, leave));
      else if (leave && this.state === 'missed') void this.leave();
      return;
    }
    if (this.state === 'talking' || this.state === 'wrapping') {
      const view = await this.setState('break', reason);
      if (view?.breakAfter) this.pending = { reason, ms, leave };
      else if (view) this.follow(view);
      return;
    }
    if (leave) return void this.leave();
    const view = await this.setState('break', reason);
    if (view?.state === 'break') {
      this.state = 'break';
      this.w.clock.after(ms, () => void this.back());
    }
  }

  /** Signs out (offline); when rung meanwhile, after that call. */
  async leave(): Promise<void> {
    this.leaving = true;
    if (this.busy) return;
    const view = await this.setState('offline');
    if (view) this.state = 'off';
    else this.w.clock.after(30 * SECOND, () => void this.leave());
  }

  /** The run is over: the call in hand ends and is wrapped up now. */
  async finishNow(): Promise<void> {
    const call = this.call;
    if (!call) return;
    if (this.state === 'talking') await this.hangUp(call);
    if (this.state === 'wrapping') await this.wrapUp(call);
  }

  /** The end of the run: out, whatever the plan said; then no more requests, and those under way finish. */
  async signOut(): Promise<void> {
    this.leaving = true;
    this.pending = undefined;
    for (let i = 0; i < 5 && this.state !== 'off'; i++) {
      const view = await this.setState('offline');
      if (view?.state === 'offline') this.state = 'off';
      else await new Promise((r) => setTimeout(r, 100));
    }
    this.closed = true;
    for (let i = 0; i < 100 && this.api.inFlight > 0; i++) await new Promise((r) => setTimeout(r, 20));
  }
}
