// The step API's answer as JSON bytes, put together from parts kept between steps. The engine gives
// the same frozen result for the same answers to a measure's questions; each such result is written
// once (with its explanation or without) and kept as UTF-8, and a step joins them. With 1,500
// measures, encoding every result afresh was most of a step's time over HTTP (bench:navigator).
// The bytes are those fastify's schema serializer writes for stepAnswer() (step-json.test.ts).
import { z } from 'zod';
import type { MeasureResult, Step } from './engine.ts';
import type { navigatorStepSchema } from './step-schema.ts';

type Schema = typeof navigatorStepSchema;

/** Which results a step explains: besides those named (or all), see step-schema.ts. */
export type Explain = 'all' | ReadonlySet<string>;

/**
 * Whether a result is explained: the eligible ones (what a client shows while asking), the possibly
 * eligible ones once no question is left (what a person must judge), and those asked for.
 */
export function explains(step: Step, explain: Explain): (r: MeasureResult) => boolean {
  if (explain === 'all') return () => true;
  const done = step.next === null;
  return (r) => r.truth === 'yes' || (done && r.truth === 'unknown') || explain.has(r.id);
}

function item(r: MeasureResult, explained: boolean) {
  return explained ? { id: r.id, truth: r.truth, explanation: r.explanation } : { id: r.id, truth: r.truth };
}

/** The step as the API answers it (what the route's 200 schema describes). */
export function stepAnswer(step: Step, catalog: string, explain: Explain) {
  const explained = explains(step, explain);
  return { catalog, results: step.results.map((r) => item(r, explained(r))), next: step.next, asked: step.asked };
}

const comma = Buffer.from(',');

/** A writer of steps as JSON: stepAnswer() as the schema's serializer writes it, each result's part written once. */
export function stepWriter(schema: Schema): (step: Step, catalog: string, explain: Explain) => Buffer {
  const { next, asked } = schema.shape;
  // (kept as long as the engine keeps the result: a new catalogue's results are new objects)
  const bare = new WeakMap<MeasureResult, Buffer>();
  const full = new WeakMap<MeasureResult, Buffer>();
  const part = (r: MeasureResult, explained: boolean): Buffer => {
    const kept = explained ? full : bare;
    let b = kept.get(r);
    // (the item as it is: its keys are the schema's, in its order, and no others, so encoding it
    // through the schema would change nothing; the test compares the bytes)
    if (!b) kept.set(r, (b = Buffer.from(JSON.stringify(item(r, explained)))));
    return b;
  };
  return (step, catalog, explain) => {
    const explained = explains(step, explain);
    const parts: Buffer[] = [Buffer.from(`{"catalog":${JSON.stringify(catalog)},"results":[`)];
    step.results.forEach((r, i) => {
      if (i) parts.push(comma);
      parts.push(part(r, explained(r)));
    });
    parts.push(Buffer.from(`],"next":${JSON.stringify(z.encode(next, step.next))},"asked":${JSON.stringify(z.encode(asked, step.asked))}}`));
    return Buffer.concat(parts);
  };
}
