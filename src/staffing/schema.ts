// The staffing API's shapes: every query parameter with its range, so that a bad one is named in a
// problem+json answer before any arithmetic runs.
import { z } from 'zod';
import { calendarDate } from '../platform/http/schemas.ts';

const number = (min: number, max: number, description: string, opts: { int?: boolean; exclusiveMin?: boolean } = {}) => {
  let s = z.coerce.number({ error: 'is required, as a number' });
  s = opts.exclusiveMin ? s.gt(min, `must be more than ${min}`) : s.min(min, `must be at least ${min}`);
  s = s.max(max, `must be at most ${max}`);
  if (opts.int) s = s.int('must be a whole number');
  return s.describe(description);
};

export const traffic = {
  calls: number(0, 1_000_000, 'Calls offered in the interval (a forecast may be fractional)'),
  intervalSeconds: number(60, 86_400, 'Length of the interval, seconds (900 for 15 minutes, 1800 for 30)', { int: true }),
  ahtSeconds: number(1, 7200, 'Average handle time: talk, hold and wrap-up, seconds'),
  targetSeconds: number(0, 3600, 'Service-level target time: answered within this many seconds counts as in time'),
};

export const erlangCQuerySchema = z.object({
  ...traffic,
  agents: number(0, 100_000, 'Agents on the phones', { int: true }),
});

export const requiredQuerySchema = z.object({
  ...traffic,
  targetSl: number(0, 0.999, 'Share of calls to answer within targetSeconds, e.g. 0.8', { exclusiveMin: true }),
  maxOccupancy: number(0.1, 1, 'Highest acceptable occupancy of agents on the phones (default 1: no cap)').default(1),
  shrinkage: number(0, 0.9, 'Share of paid time away from the phones: breaks, training, absence (default 0)').default(0),
});

export const erlangAQuerySchema = z.object({
  ...traffic,
  agents: number(1, 100_000, 'Agents on the phones', { int: true }),
  patienceSeconds: number(1, 3600, 'Mean time callers wait before hanging up, seconds (exponentially distributed)'),
});

export type ErlangCQuery = z.infer<typeof erlangCQuerySchema>;
export type RequiredQuery = z.infer<typeof requiredQuerySchema>;
export type ErlangAQuery = z.infer<typeof erlangAQuerySchema>;

const share = (d: string) => z.number().min(0).max(1).describe(d);
const erlangs = z.number().describe('Offered load, Erlangs: calls × AHT / interval length');

export const erlangCSchema = z
  .object({
    pWait: share('Probability that a call waits (Erlang C)'),
    sl: share('Share of calls answered within targetSeconds'),
    asa: z.number().nullable().describe('Average speed of answer over all calls, seconds; null when overloaded (the queue grows without end)'),
    occupancy: share('Share of agents’ time on calls: load / agents, at most 1'),
    erlangs,
    overloaded: z.boolean().describe('agents ≤ load: more work arrives than the agents can do'),
    note: z.string().optional().describe('Why some figures are limits rather than values (when overloaded)'),
  })
  .meta({ id: 'ErlangC' });

export const requiredSchema = z
  .object({
    agents: z.number().int().describe('Fewest agents on the phones meeting targetSl within targetSeconds and maxOccupancy'),
    scheduled: z.number().int().describe('Agents to schedule so that `agents` remain after shrinkage: ⌈agents / (1 − shrinkage)⌉'),
    sl: share('Service level with `agents`'),
    occupancy: share('Occupancy with `agents`'),
    pWait: share('Probability of waiting with `agents`'),
    asa: z.number().describe('Average speed of answer with `agents`, seconds'),
    erlangs,
  })
  .meta({ id: 'StaffingRequired' });

export const erlangASchema = z
  .object({
    pWait: share('Probability that a call waits'),
    pAbandon: share('Probability that a caller hangs up before being answered'),
    sl: share('Share of all offered calls answered within targetSeconds (abandoned calls count as missed)'),
    erlangs,
  })
  .meta({ id: 'ErlangA' });

export const planQuerySchema = z.object({
  region: z.string().trim().min(1).max(10).optional().describe('Region code; regional staff get their own region (federal staff must name one)'),
  week: calendarDate('must be a date, YYYY-MM-DD')
    .refine((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 1, 'must be a Monday')
    .optional()
    .describe("The Monday the planned week starts (the region's local date); default: next Monday"),
  weeks: number(4, 12, 'Whole weeks of history before that Monday to forecast from (default 4; at least 4)', { int: true }).default(4),
  targetSl: number(0, 0.999, 'Share of calls to answer within targetSeconds (default: the region’s norm)', { exclusiveMin: true }).optional(),
  targetSeconds: number(0, 3600, 'Service-level target time, seconds (default: the region’s norm)').optional(),
  ahtSeconds: number(1, 7200, 'Average handle time, seconds (default: measured over the history, else 180)').optional(),
  maxOccupancy: number(0.1, 1, 'Highest acceptable occupancy (default 0.85)').default(0.85),
  shrinkage: number(0, 0.9, 'Share of paid time away from the phones (default 0.3)').default(0.3),
});

const plannedInterval = z.object({
  start: z.string().describe('Interval start (UTC, 15 minutes)'),
  calls: z.number().describe('Forecast calls'),
  agents: z.number().int().describe('Agents on the phones'),
  scheduled: z.number().int().describe('Agents to schedule after shrinkage'),
  sl: z.number(),
  occupancy: z.number(),
});

export const planSchema = z.object({
  region: z.string(),
  week: z.object({ monday: z.string(), from: z.string(), to: z.string() }),
  history: z.object({
    weeks: z.number().int(),
    calls: z.number().describe('Calls offered in the history weeks'),
    weeksWithCalls: z.number().int().describe('How many of those weeks had any call: fewer than `weeks` means the forecast rests on less history than asked'),
    from: z.string().describe('The history read: whole weeks from this instant…'),
    to: z.string().describe('…to this one, a Monday 00:00 local: the week in progress is not read until it is over'),
  }),
  forecast: z.object({
    method: z.enum(['seasonal-naive', 'holt-winters']).describe('The method that forecast the last history week better'),
    mase: z
      .object({ 'seasonal-naive': z.number().nullable(), 'holt-winters': z.number().nullable() })
      .describe('Scaled error of each method on the last history week (below 1 beats the naive benchmark; null: no calls to judge by)'),
  }),
  target: z.object({
    targetSl: z.number(),
    targetSeconds: z.number(),
    ahtSeconds: z.number(),
    ahtFrom: z.enum(['query', 'history', 'default']),
    maxOccupancy: z.number(),
    shrinkage: z.number(),
  }),
  totals: z.object({ calls: z.number(), agentHours: z.number(), scheduledHours: z.number() }),
  peak: plannedInterval.nullable().describe('The interval that needs the most agents'),
  intervals: z.array(plannedInterval),
});

export type PlanQuery = z.infer<typeof planQuerySchema>;
