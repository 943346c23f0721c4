// The step API's answer as JSON bytes, put together from parts kept between steps. The engine gives
// the same frozen result for the same answers to a measure's questions; each such result is written
// once and kept as UTF-8, and a step joins them. With 1,500 measures, encoding and writing every
// explanation afresh was most of a step's time over HTTP (bench:navigator). The bytes are those
// fastify's schema serializer writes for stepAnswer() (step-json.test.ts compares them).
import { z } from 'zod';
import type { Measure } from './catalog-schema.ts';
import type { MeasureResult, Step } from './engine.ts';
import type { navigatorStepSchema } from './step-schema.ts';

type Schema = typeof navigatorStepSchema;

function item(r: MeasureResult, m: Measure) {
  return { id: r.id, title: m.title, provider: m.provider, category: m.category, answerIds: m.answer_ids, truth: r.truth, explanation: r.explanation };
}

/** The step as the API answers it (what the route's 200 schema describes). */
export function stepAnswer(step: Step, measures: ReadonlyMap<string, Measure>) {
  return { results: step.results.map((r) => item(r, measures.get(r.id)!)), next: step.next, asked: step.asked };
}

const comma = Buffer.from(',');

/** A writer of steps as JSON: stepAnswer() as the schema's serializer writes it, each result's part written once. */
export function stepWriter(schema: Schema): (step: Step, measures: ReadonlyMap<string, Measure>) => Buffer {
  const { next, asked } = schema.shape;
  // (kept as long as the engine keeps the result: a new catalogue's results are new objects)
  const written = new WeakMap<MeasureResult, Buffer>();
  const part = (r: MeasureResult, measures: ReadonlyMap<string, Measure>): Buffer => {
    let b = written.get(r);
    // (the item as it is: its keys are the schema's, in its order, and no others, so encoding it
    // through the schema would change nothing; the test compares the bytes)
    if (!b) written.set(r, (b = Buffer.from(JSON.stringify(item(r, measures.get(r.id)!)))));
    return b;
  };
  return (step, measures) => {
    const parts: Buffer[] = [Buffer.from('{"results":[')];
    step.results.forEach((r, i) => {
      if (i) parts.push(comma);
      parts.push(part(r, measures));
    });
    parts.push(Buffer.from(`],"next":${JSON.stringify(z.encode(next, step.next))},"asked":${JSON.stringify(z.encode(asked, step.asked))}}`));
    return Buffer.concat(parts);
  };
}
