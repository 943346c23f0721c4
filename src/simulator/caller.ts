// One caller, as the telephony edge sees them: dials 122, picks a topic in the IVR, waits in the
// queue until an operator picks up the phone the ACD rang (the edge reports `answered`), their
// patience runs out (`abandoned`) or they accept a callback the ACD offers (`callback_requested`);
// once answered they talk, and the call ends from their side (`ended`) or from the operator's
// (POST …/hangup, then the `hangup` decision). A person at a workstation answering one of these
// calls (the `bridge` decision) talks to a caller too.
import type { Arrival } from './arrivals.ts';
import type { TimerHandle } from './clock.ts';
import type { Decision, EdgeEvent, Verdict } from './edge.ts';
import { iso, type CallerState, type SimCall, type SimOperator, type World } from './world.ts';

const ok = (v: Verdict | undefined) => v?.status === 'accepted' || v?.status === 'duplicate';

export class CallSim implements SimCall {
  state: CallerState = 'planned';
  /** The simulated operator on the call (none when a person at a workstation took it). */
  operator: SimOperator | undefined;
  queuedAt = 0;
  /** The simulated operator being rung for this call, if any. */
  private ringing: SimOperator | undefined;
  private answeredWhileLeaving = false;
  private patience: TimerHandle | undefined;
  private patienceEnds = Infinity;
  private talk: TimerHandle | undefined;
  private pickUps = 0;

  constructor(
    readonly a: Arrival,
    private readonly w: World,
  ) {}

  get id(): string {
    return this.a.callId;
  }

  private event(type: string, suffix: string, extra: Record<string, unknown> = {}): EdgeEvent {
    return { id: `${this.id}-${suffix}`, callId: this.id, type, at: iso(this.w.clock.ms()), ...extra };
  }

  private finish(): void {
    if (this.state === 'done') return;
    this.state = 'done';
    this.patience?.cancel();
    this.talk?.cancel();
    this.w.finished(this);
  }

  /** The call arrives: offered, then the IVR. */
  async begin(): Promise<void> {
    this.state = 'ivr';
    const [v] = await this.w.edge.report([this.event('offered', 'offered', { region: this.a.region, caller: this.a.caller, dialled: '122' })]);
    if (!ok(v)) return this.finish();
    this.w.ledger.offered++;
    if (this.a.hangsUpInIvr) {
      this.w.clock.after(this.a.ivrMs / 2, () => void this.hangUpInIvr());
      return;
    }
    this.w.clock.after(this.a.ivrMs, () => void this.queue());
  }

  private async hangUpInIvr(): Promise<void> {
    await this.w.edge.report([this.event('abandoned', 'abandoned', { reason: 'hung_up_in_ivr' })]);
    this.w.ledger.ivrHangUps++;
    this.w.ledger.abandoned++;
    this.finish();
  }

  private async queue(): Promise<void> {
    if (this.state !== 'ivr') return;
    // Waiting from now: the ACD may ring someone before our request returns.
    this.state = 'waiting';
    this.queuedAt = this.w.clock.ms();
    this.patienceEnds = this.queuedAt + this.a.patienceMs;
    this.patience = this.w.clock.at(this.patienceEnds, () => void this.leave('abandoned'));
    const [, q] = await this.w.edge.report([this.event('ivr_choice', 'ivr', { topic: this.a.topic }), this.event('queued', 'queued')]);
    if (!ok(q) && this.state === 'waiting') this.finish();
  }

  /** The caller hangs up while waiting, or accepts a callback; otvet may have connected them meanwhile. */
  private async leave(how: 'abandoned' | 'callback'): Promise<void> {
    if (this.state !== 'waiting') return;
    this.state = 'leaving';
    this.patience?.cancel();
    const [v] = await this.w.edge.report([how === 'abandoned' ? this.event('abandoned', 'abandoned') : this.event('callback_requested', 'callback')]);
    if (ok(v)) {
      if (how === 'abandoned') {
        this.w.ledger.abandoned++;
        this.ringing?.callGone(this.id);
        return this.finish();
      }
      this.w.ledger.callbackRequests++;
      this.state = 'callback_pending';
      if (this.answeredWhileLeaving) this.startTalk();
      return;
    }
    // Refused: the call was answered (or ended) just before; the bridge decision tells which.
    this.state = 'waiting';
    if (this.answeredWhileLeaving) this.startTalk();
  }

  /** What the ACD decided about this call. */
  onDecision(d: Decision): void {
    switch (d.type) {
      case 'offer_callback':
        this.w.ledger.callbackOffers++;
        if (this.a.acceptsCallback) void this.leave('callback');
        break;
      case 'connect':
      case 'callback': {
        this.w.ledger.rings++;
        const op = d.operator ? this.w.operatorsByName.get(d.operator.username) : undefined;
        this.ringing = op;
        op?.offer(this, d.type === 'callback');
        break;
      }
      case 'stop_ringing': {
        this.w.ledger.ringNoAnswer++;
        const op = d.operator ? this.w.operatorsById.get(d.operator.id) : undefined;
        if (op === this.ringing) this.ringing = undefined;
        op?.ringStopped(this.id);
        break;
      }
      case 'bridge':
        this.onAnswered(d.operator ? this.w.operatorsById.get(d.operator.id) : undefined);
        break;
      case 'hangup':
        if (this.state === 'talking') this.finish();
        break;
      case 'transfer':
        // A person at a workstation passed the call on: the caller holds (no patience to lose now)
        // until the ACD's next connect, and then talks anew.
        if (this.state !== 'talking') break;
        this.talk?.cancel();
        this.operator = undefined;
        this.state = 'waiting';
        break;
    }
  }

  /**
   * A simulated operator picks up the phone the ACD rang: the edge reports `answered`. Refused (the
   * ring had just timed out, the call went elsewhere), the caller waits on with the patience left.
   */
  async pickUp(op: SimOperator): Promise<boolean> {
    const was = this.state;
    if (was !== 'waiting' && was !== 'callback_pending') return false;
    this.state = 'connecting';
    this.patience?.cancel();
    const [v] = await this.w.edge.report([this.event('answered', `answered-${++this.pickUps}`, { operator: op.username })]);
    if (v?.status === 'accepted') {
      if (this.ringing === op) this.ringing = undefined;
      this.operator = op;
      this.state = was;
      this.startTalk();
      return true;
    }
    if (this.state !== 'connecting') return false;
    this.state = was;
    if (was === 'waiting') this.patience = this.w.clock.at(this.patienceEnds, () => void this.leave('abandoned'));
    return false;
  }

  /** A person at a workstation answered (the bridge decision). */
  onAnswered(op: SimOperator | undefined): void {
    if (op) this.operator = op;
    if (this.state === 'leaving') {
      this.answeredWhileLeaving = true;
      return;
    }
    if (this.state === 'waiting' || this.state === 'callback_pending' || this.state === 'ivr') this.startTalk();
  }

  private startTalk(): void {
    if (this.state === 'talking' || this.state === 'done') return;
    this.state = 'talking';
    this.patience?.cancel();
    this.w.ledger.answered++;
    this.talk = this.w.clock.after(this.a.talkMs, () => void this.endTalk());
  }

  /** The conversation is over: one side hangs up. */
  private async endTalk(): Promise<void> {
    if (this.state !== 'talking') return;
    const op = this.operator;
    if (op && this.a.operatorHangsUp) {
      this.finish();
      await op.hangUp(this);
      return;
    }
    this.finish();
    await this.w.edge.report([this.event('ended', 'ended')]);
    op?.callEnded(this);
  }

  /** The run is over: whoever is still waiting hangs up, whoever is talking finishes. */
  async close(): Promise<void> {
    if (this.state === 'talking') return this.endTalk();
    if (this.state === 'done' || this.state === 'planned' || this.state === 'leaving') return;
    this.patience?.cancel();
    this.state = 'leaving';
    this.w.ledger.closedAtEnd++;
    const [v] = await this.w.edge.report([this.event('abandoned', 'closed', { reason: 'simulation_ended' })]);
    if (ok(v)) {
      this.ringing?.callGone(this.id);
      return this.finish();
    }
    // Answered in the meantime: finish the conversation at once.
    this.state = 'talking';
    return this.endTalk();
  }
}
