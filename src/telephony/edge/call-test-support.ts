// For the call core's unit tests: one call driven input by input on a clock the test moves, keeping
// every action and report, with the usual ways into the queue and to a ringing operator.
import type { CallAction, ReportedEvent } from './call-actions.ts';
import type { CallInput, InviteInput, LegEvent } from './call-inputs.ts';
import { newCall, type EdgeCall } from './call-state.ts';
import { step } from './call.ts';

export const T0 = Date.parse('2026-12-05T10:00:00.000Z');
export const NUMBER = '+79161234512';
export const MENU = {
  timeoutSeconds: 5,
  items: [
    { digit: 1, section: 'Коронавирус' },
    { digit: 2, section: 'Частичная мобилизация' },
  ],
};

export const invite = (over: Partial<InviteInput> = {}): InviteInput => ({
  type: 'invite',
  callId: 'c1',
  region: '77',
  caller: NUMBER,
  dialled: '122',
  menu: MENU,
  otvetReachable: true,
  timing: { announceEverySeconds: 30, ringSafetySeconds: 45, otvetGraceSeconds: 60 },
  ...over,
});

export const connect = (operator = 'ivanova', contacts = ['sip:ivanova@10.0.0.5', 'sip:ivanova@10.0.0.6'], decisionId?: string): CallInput => ({
  type: 'decision',
  decision: { kind: 'connect', operator, contacts, ...(decisionId ? { decisionId } : {}) },
});

export const leg = (legId: string, event: LegEvent, status?: number): CallInput => ({ type: 'leg', legId, event, ...(status ? { status } : {}) });

export class CallRun {
  call: EdgeCall = newCall();
  t = T0;
  /** The last step's actions. */
  last: CallAction[] = [];
  readonly all: CallAction[] = [];

  /** One input, `ms` after the previous one; its actions. */
  send(input: CallInput, ms = 0): CallAction[] {
    this.t += ms;
    const r = step(this.call, input, this.t);
    this.call = r.call;
    this.last = r.actions;
    this.all.push(...r.actions);
    return r.actions;
  }

  /** Every event reported so far. */
  get reports(): ReportedEvent[] {
    return this.all.flatMap((a) => (a.type === 'report' ? [a.event] : []));
  }

  get reportTypes(): string[] {
    return this.reports.map((e) => e.type);
  }

  /** The playId of the last play. */
  get playId(): number {
    return this.call.playId;
  }

  /** Answered, chose topic 2, queued. */
  static queued(over: Partial<InviteInput> = {}): CallRun {
    const r = new CallRun();
    r.send(invite(over));
    r.send({ type: 'digit', digit: '2' }, 3000);
    // (no estimate from otvet: hold music, as play 2; the clock not moved, so times stay round)
    r.send({ type: 'timer', name: 'first_wait' }, 0);
    return r;
  }

  /** Queued, then `ivanova` rung on two contacts (legs c1/1 and c1/2). */
  static ringing(): CallRun {
    const r = CallRun.queued();
    r.send(connect(), 1000);
    return r;
  }

  /** ivanova talking with the caller on leg c1/1 (c1/2 declined). */
  static talking(): CallRun {
    const r = CallRun.ringing();
    r.send(leg('c1/1', 'provisional', 180));
    r.send(leg('c1/1', 'answered', 200), 5000);
    r.send(leg('c1/2', 'failed', 487));
    return r;
  }
}

/** Actions of these types only, in order. */
export const ofType = <T extends CallAction['type']>(actions: CallAction[], type: T): Extract<CallAction, { type: T }>[] =>
  actions.filter((a): a is Extract<CallAction, { type: T }> => a.type === type);
