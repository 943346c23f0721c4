// Erlang A (M/M/N+M, Palm 1946; Garnett, Mandelbaum and Reiman 2002): Erlang C with callers who
// hang up after an exponentially distributed patience (mean `patienceSeconds`). The queue is then
// stable for any N, and the figures follow from the Erlang B value and the series
//   A(x, y) = 1 + Σ_{j≥1} y^j / ((x+1)(x+2)…(x+j)),  x = Nμ/θ, y = λ/θ
// (λ arrival rate, μ = 1/AHT, θ = 1/patience), which equals x·e^y·y^(−x)·γ(x, y) with γ the lower
// incomplete gamma function. The series is summed in logarithms, so overloaded queues with
// thousands of terms neither overflow nor lose precision. Formulas in docs/staffing.md.
import { checkTraffic, erlangB, offeredLoad, type Traffic } from './erlang-c.ts';

export interface ErlangAInput extends Traffic {
  agents: number;
  targetSeconds: number;
  /** Mean time a caller is willing to wait before hanging up, seconds. */
  patienceSeconds: number;
}

export interface ErlangAResult {
  erlangs: number;
  /** Probability that a call waits at all. */
  pWait: number;
  /** Probability that a call hangs up before being answered. */
  pAbandon: number;
  /** Share of all offered calls answered within the target time (abandoned calls count as missed). */
  sl: number;
}

interface Series {
  /** ln A(x, y) */
  log: number;
  /** Σ j·t_j / Σ t_j: the mean number waiting ahead, given that a call waits. */
  meanJ: number;
}

const MAX_TERMS = 50_000_000;

/** ln A(x, y) and the mean index of its terms, by a running log-sum-exp. */
export function gammaSeries(x: number, y: number): Series {
  if (y === 0) return { log: 0, meanJ: 0 };
  let logTerm = 0;
  let max = 0;
  let sum = 1; // Σ exp(l_j − max)
  let sumJ = 0; // Σ j·exp(l_j − max)
  for (let j = 1; j <= MAX_TERMS; j++) {
    const ratio = y / (x + j);
    logTerm += Math.log(ratio);
    if (logTerm > max) {
      const scale = Math.exp(max - logTerm);
      sum = sum * scale + 1;
      sumJ = sumJ * scale + j;
      max = logTerm;
    } else {
      const t = Math.exp(logTerm - max);
      sum += t;
      sumJ += j * t;
      // Past the peak the terms fall at least geometrically by `ratio`: stop when the rest is negligible.
      if (ratio < 1 && t * (j + 1 / (1 - ratio)) * (ratio / (1 - ratio)) < 1e-17 * sum) break;
    }
  }
  return { log: max + Math.log(sum), meanJ: sumJ / sum };
}

export function erlangA(input: ErlangAInput): ErlangAResult {
  checkTraffic(input);
  const { agents: n, ahtSeconds: aht, patienceSeconds: patience, targetSeconds: target } = input;
  if (!Number.isInteger(n) || n < 1) throw new RangeError('agents must be a whole number ≥ 1');
  if (!(patience > 0) || !Number.isFinite(patience)) throw new RangeError('patienceSeconds must be a finite number > 0');
  if (!(target >= 0)) throw new RangeError('targetSeconds must be ≥ 0');
  const a = offeredLoad(input);
  if (a === 0) return { erlangs: 0, pWait: 0, pAbandon: 0, sl: 1 };
  const lambda = input.calls / input.intervalSeconds;
  const x = (n * patience) / aht; // Nμ/θ
  const y = lambda * patience; // λ/θ
  const b = erlangB(a, n);
  const s = gammaSeries(x, y);
  // P(wait) = S·B / (1 + (S − 1)·B) with S = A(x, y), written to survive S = e^1000 and B = 0.
  const pWait = b === 0 ? 0 : 1 / (1 + Math.exp(Math.log1p(-b) - s.log - Math.log(b)));
  // Given a wait: P(abandon) = θ·E[queue] / λ = E[j] / y.
  const abandonIfWait = Math.min(1, s.meanJ / y);
  // Given a wait: P(answered within T) = P(answered) − P(answered after T), the latter being
  // γ(x+1, z) / (y·γ(x, y)) with z = y·e^(−θT).
  const z = y * Math.exp(-target / patience);
  const late = target === 0 ? 1 - abandonIfWait : Math.exp(Math.log(x / (x + 1)) - (n * target) / aht - target / patience + (y - z) + gammaSeries(x + 1, z).log - s.log);
  const answeredInTime = Math.max(0, 1 - abandonIfWait - late);
  return { erlangs: a, pWait, pAbandon: pWait * abandonIfWait, sl: 1 - pWait + pWait * answeredInTime };
}
