// What the simulated callers and operators share: the clock, the edge, the tally, and each other.
// Callers and operators know each other by the two views below, so neither file imports the other.
import type { Arrival } from './arrivals.ts';
import type { SimClock } from './clock.ts';
import type { Decision, Edge } from './edge.ts';
import type { Behaviour } from './options.ts';
import type { Rng } from './random.ts';
import type { Ledger } from './summary.ts';

export type CallerState = 'planned' | 'ivr' | 'waiting' | 'leaving' | 'connecting' | 'callback_pending' | 'talking' | 'done';

/** A caller as operators and the run see it (CallSim of caller.ts). */
export interface SimCall {
  readonly id: string;
  readonly a: Arrival;
  state: CallerState;
  /** A simulated operator picks up; false when the edge refused (the call is gone or taken). */
  pickUp(op: SimOperator): Promise<boolean>;
  onAnswered(op: SimOperator | undefined): void;
  onDecision(d: Decision): void;
  close(): Promise<void>;
}

/** An operator as callers and the run see it (OperatorSim of operator.ts). */
export interface SimOperator {
  readonly username: string;
  offer(call: SimCall | string, callback: boolean): void;
  ringStopped(callId: string): void;
  callGone(callId: string): void;
  hangUp(call: SimCall): Promise<void>;
  callEnded(call: SimCall): void;
}

export interface World {
  clock: SimClock;
  edge: Edge;
  ledger: Ledger;
  behaviour: Behaviour;
  /** Operators' reactions (answer delays, missed rings, recovery). */
  rng: Rng;
  calls: Map<string, SimCall>;
  operatorsByName: Map<string, SimOperator>;
  operatorsById: Map<number, SimOperator>;
  /** A call has finished (answered and ended, or abandoned). */
  finished(call: SimCall): void;
}

export const iso = (ms: number) => new Date(Math.floor(ms)).toISOString();
