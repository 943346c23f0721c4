// Checking command-line arguments with the same schemas the API uses.
import type { z } from 'zod';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function parseArg<S extends z.ZodType>(schema: S, value: unknown, name: string): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw new UsageError(`${name} ${JSON.stringify(value)}: ${r.error.issues.map((i) => i.message).join('; ')}`);
  return r.data;
}

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}
