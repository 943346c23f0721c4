// The navigator's engine, pure: from the answers so far, every measure yes / no / unknown with why,
// and the next question worth asking. Rules are compiled once (compile.ts); a step replays the
// wizard from no answers, so the questions a changed answer made pointless are neither asked nor
// counted (their answers are ignored). The replay is cheap: the places it passes are kept (Place),
// so it walks down what earlier steps worked out, and going a step further re-evaluates only the
// open measures whose rules name the question just answered.
import type { NavigatorCatalog, Question } from './catalog-schema.ts';
import { compileRule, isLive, UNKNOWN, YES, NO, type Compiled, type T, type Values } from './compile.ts';
import { Explainer, type Explanation } from './explain.ts';
import type { Scalar } from './rules.ts';

export type { Explanation } from './explain.ts';

/** Answers by question var. */
export type Answers = Record<string, string | number | boolean>;
export type Truth = 'yes' | 'no' | 'unknown';

/** Shared by the steps that get the same answers to the measure's questions, and frozen: never changed. */
export interface MeasureResult {
  readonly id: string;
  readonly truth: Truth;
  readonly explanation: Explanation;
}

export interface Step {
  results: MeasureResult[];
  /** The question to ask now; null exactly when no open measure is left to settle. */
  next: Question | null;
  /** The questions answered on the wizard's way here, in the order it asked them. */
  asked: string[];
}

/**
 * A measure's result; its explanation is written when first read. Most results are never explained
 * (a step over HTTP explains only what the client shows: step-api.ts), and with 1,500 measures
 * writing every changed measure's sentences was most of the slowest steps' time (bench:navigator).
 */
class Result implements MeasureResult {
  #explanation: Explanation | undefined;
  #explain: (() => Explanation) | undefined;

  constructor(
    readonly id: string,
    readonly truth: Truth,
    explain: () => Explanation,
  ) {
    this.#explain = explain;
  }

  get explanation(): Explanation {
    if (!this.#explanation) {
      const e = this.#explain!();
      this.#explanation = Object.freeze({ held: Object.freeze(e.held), failed: Object.freeze(e.failed), open: Object.freeze(e.open), judged: Object.freeze(e.judged) }) as Explanation;
      this.#explain = undefined;
    }
    return this.#explanation;
  }
}

const truthName = { [NO]: 'no', [YES]: 'yes', [UNKNOWN]: 'unknown' } as const;

/** Results kept for reuse at most (a few kilobytes each), over all measures. */
const RESULTS_KEPT = 20_000;
/** About how many bytes the places kept may take (a place takes some 12 a measure). */
const PLACES_BYTES = 32_000_000;

/**
 * Where a replay stands: each measure's truth, how many open measures each unanswered question can
 * settle, and which of its rule's questions each open measure is counted for (so that it can be
 * taken back when the measure changes).
 */
interface Tally {
  truths: Uint8Array;
  counts: Int32Array;
  /** By measure, a flag for each of its rule's vars (at the measure's offset): counted in counts. */
  settles: Uint8Array;
  open: number;
}

/**
 * A place on the wizard's way, reached from no answers by answering each question it asked: the
 * answers so far, the tally there and the question it asks next. Kept as a tree, each place under
 * the one before by its answer, so that a step walks down what earlier steps made.
 */
interface Place {
  v: Values;
  asked: string[];
  tally: Tally;
  /** The question asked here (an index), -1 for none. */
  next: number;
  /** The place before and the question answered since (-1 and null for the first place). */
  from: Place | null;
  answered: number;
  /** The results here, made when first needed (from the place before's: resultsAt). */
  results: MeasureResult[] | null;
  after: Map<Scalar, Place>;
}

export class Navigator {
  readonly questions: Question[];
  private readonly index = new Map<string, number>();
  private readonly measureIds: ReadonlySet<string>;
  private readonly rules: Compiled[];
  /** Each question's place in the tie-break order. */
  private readonly rank: number[];
  private readonly explainer: Explainer;
  /** For each question, the measures whose rules name it. */
  private readonly named: number[][];
  /** Where each measure's flags start in a tally's settles. */
  private readonly offsets: Int32Array;
  /** The place before any answer, where every step starts. */
  private readonly start: Place;
  private places = 1;
  private readonly maxPlaces: number;
  /** Each measure's results kept, by its rule's answers (key()). */
  private readonly kept: Map<string, MeasureResult>[];
  private keptCount = 0;
  private readonly maxResults = RESULTS_KEPT;

  constructor(readonly catalog: NavigatorCatalog) {
    this.questions = catalog.questions;
    this.questions.forEach((q, i) => this.index.set(q.var, i));
    this.measureIds = new Set(catalog.measures.map((m) => m.id));
    this.rules = catalog.measures.map((m) => compileRule(m.eligibility, this.questions, this.index));
    const place = new Map(catalog.order.map((v, i) => [v, i]));
    this.rank = this.questions.map((q, i) => place.get(q.var) ?? catalog.order.length + i);
    this.explainer = new Explainer(this.questions);
    this.kept = this.rules.map(() => new Map());
    this.named = this.questions.map(() => []);
    this.offsets = new Int32Array(this.rules.length);
    let flags = 0;
    this.rules.forEach((r, m) => {
      for (const qi of r.vars) this.named[qi]!.push(m);
      this.offsets[m] = flags;
      flags += r.vars.length;
    });
    this.maxPlaces = Math.max(100, Math.floor(PLACES_BYTES / (12 * this.rules.length + flags + 16 * this.questions.length + 200)));
    const tally: Tally = { truths: new Uint8Array(this.rules.length), counts: new Int32Array(this.questions.length), settles: new Uint8Array(flags), open: 0 };
    const none: Values = new Array<undefined>(this.questions.length).fill(undefined);
    for (let m = 0; m < this.rules.length; m++) {
      const t = this.rules[m]!.root.ev(none);
      tally.truths[m] = t;
      if (t !== UNKNOWN) continue;
      tally.open++;
      this.count(tally, m, none);
    }
    this.start = { v: none, asked: [], tally, next: this.choose(tally, none), from: null, answered: -1, results: null, after: new Map() };
  }

  /** Whether the catalogue has a measure of that id. */
  hasMeasure(id: string): boolean {
    return this.measureIds.has(id);
  }

  question(name: string): Question | undefined {
    const i = this.index.get(name);
    return i === undefined ? undefined : this.questions[i];
  }

  step(answers: Answers): Step {
    let p = this.start;
    while (p.next >= 0) {
      const a = answers[this.questions[p.next]!.var];
      if (a === undefined) break;
      p = p.after.get(a) ?? this.advance(p, a);
    }
    return { results: [...this.resultsAt(p)], next: p.next < 0 ? null : this.questions[p.next]!, asked: [...p.asked] };
  }

  /** The results at a place: the place before's, with those of the measures naming the question answered since made again. */
  private resultsAt(p: Place): MeasureResult[] {
    if (p.results) return p.results;
    if (!p.from) return (p.results = this.catalog.measures.map((_, i) => this.result(i, p.tally.truths[i] as T, p.v)));
    const results = [...this.resultsAt(p.from)];
    for (const i of this.named[p.answered]!) results[i] = this.result(i, p.tally.truths[i] as T, p.v);
    return (p.results = results);
  }

  /** The place after answering p's question with a, kept under p (past maxPlaces, all are let go and the keeping starts afresh). */
  private advance(p: Place, a: Scalar): Place {
    const qi = p.next;
    const v = p.v.slice();
    v[qi] = a;
    const { truths, counts, settles, open } = p.tally;
    const tally: Tally = { truths: truths.slice(), counts: counts.slice(), settles: settles.slice(), open };
    this.answered(tally, qi, v);
    const place: Place = { v, asked: [...p.asked, this.questions[qi]!.var], tally, next: this.choose(tally, v), from: p, answered: qi, results: null, after: new Map() };
    if (++this.places > this.maxPlaces) {
      this.start.after.clear();
      this.places = 1;
    }
    p.after.set(a, place);
    return place;
  }

  /**
   * Measure i's result. It and its explanation depend on the answers to its rule's questions only,
   * so the result made for those answers is kept (frozen: every step that gets it shares it) and
   * given again. At most maxResults results are kept; then the keeping starts afresh.
   */
  private result(i: number, truth: T, v: Values): MeasureResult {
    const kept = this.kept[i]!;
    const key = this.key(i, v);
    let r = kept.get(key);
    if (r) return r;
    r = Object.freeze(new Result(this.catalog.measures[i]!.id, truthName[truth], () => this.explainer.explain(this.rules[i]!.root, v, this.catalog.measures[i]!.judged)));
    if (++this.keptCount > this.maxResults) {
      for (const k of this.kept) k.clear();
      this.keptCount = 1;
    }
    kept.set(key, r);
    return r;
  }

  /** Measure i's rule's answers as a string, each told apart by its type (unanswered: -). */
  private key(i: number, v: Values): string {
    let key = '';
    for (const qi of this.rules[i]!.vars) {
      const x = v[qi];
      key += x === undefined ? '-' : typeof x === 'string' ? `s${x.length}:${x}` : typeof x === 'number' ? `n${x};` : x ? 't' : 'f';
    }
    return key;
  }

  /**
   * Question qi has just been answered: the open measures naming it are evaluated again and counted
   * afresh. The others keep their truth and counts: a rule's value and what settles it depend on
   * its own questions only, and a measure once settled stays so (Kleene's logic is monotone: more
   * answers never undo a yes or a no).
   */
  private answered(s: Tally, qi: number, v: Values): void {
    for (const m of this.named[qi]!) {
      if (s.truths[m] !== UNKNOWN) continue;
      this.uncount(s, m);
      const t = this.rules[m]!.root.ev(v);
      if (t === UNKNOWN) this.count(s, m, v);
      else {
        s.truths[m] = t;
        s.open--;
      }
    }
  }

  /**
   * Counts open measure m for each unanswered question of its rule that decides it: some answer to
   * it (compile.ts's probes) makes the measure yes or no.
   */
  private count(s: Tally, m: number, v: Values): void {
    const r = this.rules[m]!;
    const at = this.offsets[m]!;
    for (let j = 0; j < r.vars.length; j++) {
      const qi = r.vars[j]!;
      if (v[qi] !== undefined) continue;
      for (const x of r.probes[j]!) {
        v[qi] = x;
        const settled = r.root.ev(v) !== UNKNOWN;
        if (settled) {
          s.counts[qi]!++;
          s.settles[at + j] = 1;
          break;
        }
      }
      v[qi] = undefined;
    }
  }

  private uncount(s: Tally, m: number): void {
    const r = this.rules[m]!;
    const at = this.offsets[m]!;
    for (let j = 0; j < r.vars.length; j++) {
      if (!s.settles[at + j]) continue;
      s.counts[r.vars[j]!]!--;
      s.settles[at + j] = 0;
    }
  }

  /**
   * The unanswered question that settles the most open measures (the tally's counts). Ties go by
   * the order. When no single answer settles any (a rule needing two more answers at once), the
   * question that can still change the most open measures. -1: nothing is open.
   */
  private choose(s: Tally, v: Values): number {
    if (s.open === 0) return -1;
    const best = this.best(s.counts);
    if (best >= 0) return best;
    const counts = new Int32Array(this.questions.length);
    for (let m = 0; m < this.rules.length; m++) {
      if (s.truths[m] !== UNKNOWN) continue;
      const r = this.rules[m]!;
      for (const qi of r.vars) if (v[qi] === undefined && isLive(r.root, qi, v)) counts[qi]!++;
    }
    return this.best(counts);
  }

  private best(counts: Int32Array): number {
    let best = -1;
    for (let qi = 0; qi < counts.length; qi++) {
      const c = counts[qi]!;
      if (c === 0) continue;
      if (best < 0 || c > counts[best]! || (c === counts[best]! && this.rank[qi]! < this.rank[best]!)) best = qi;
    }
    return best;
  }

  /**
   * Answers from a URL's or a form's strings (yes / no for yes-or-no questions, an option's value,
   * a whole number), checked against the questions; each bad one said in Russian and left out.
   * Names that are no question's and empty values are ignored (not answered).
   */
  parseAnswers(raw: Record<string, string>): { answers: Answers; problems: { var: string; message: string }[] } {
    const answers: Answers = {};
    const problems: { var: string; message: string }[] = [];
    for (const [name, rawValue] of Object.entries(raw)) {
      const q = this.question(name);
      const s = typeof rawValue === 'string' ? rawValue.trim() : '';
      if (!q || s === '') continue;
      if (q.type === 'choice') {
        if (q.options!.some((o) => o.value === s)) answers[name] = s;
        else problems.push({ var: name, message: 'Выберите один из предложенных вариантов ответа.' });
      } else if (q.type === 'boolean') {
        if (s === 'yes' || s === 'true') answers[name] = true;
        else if (s === 'no' || s === 'false') answers[name] = false;
        else problems.push({ var: name, message: 'Ответьте «да» или «нет».' });
      } else {
        const min = q.min ?? 0;
        const range = q.max === undefined ? `не меньше ${min}` : `от ${min} до ${q.max}`;
        const n = /^[0-9]{1,9}$/.test(s) || /^-[0-9]{1,9}$/.test(s) ? Number(s) : NaN;
        if (!Number.isInteger(n)) problems.push({ var: name, message: `Введите целое число ${range}, цифрами.` });
        else if (n < min || (q.max !== undefined && n > q.max)) problems.push({ var: name, message: `Введите число ${range}.` });
        else answers[name] = n;
      }
    }
    return { answers, problems };
  }

  /** The answers as parseAnswers reads them back (for the wizard's links and hidden fields). */
  toStrings(answers: Answers): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, a] of Object.entries(answers)) out[name] = typeof a === 'boolean' ? (a ? 'yes' : 'no') : String(a);
    return out;
  }
}
