// What the simulated callers and operators share: the clock, the edge, the tally, and each other.
import type { CallSim } from './caller.ts';
import type { SimClock } from './clock.ts';
import type { Edge } from './edge.ts';
import type { OperatorSim } from './operator.ts';
import type { Behaviour } from './options.ts';
import type { Rng } from './random.ts';
import type { Ledger } from './summary.ts';

export interface World {
  clock: SimClock;
  edge: Edge;
  ledger: Ledger;
  behaviour: Behaviour;
  /** Operators' reactions (answer delays, missed rings, recovery). */
  rng: Rng;
  calls: Map<string, CallSim>;
  operatorsByName: Map<string, OperatorSim>;
  operatorsById: Map<number, OperatorSim>;
  /** A call has finished (answered and ended, or abandoned). */
  finished(call: CallSim): void;
}

export const iso = (ms: number) => new Date(Math.floor(ms)).toISOString();
