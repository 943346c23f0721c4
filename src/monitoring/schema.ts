// Shapes of the coordination centre's API: wallboard, alerts, webhooks.
import { z } from 'zod';
import { isoDateTime } from '../platform/http/schemas.ts';

const share = z.number().nullable().describe('0 to 1; null when there were no calls to judge by');

export const regionFiguresSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    localDate: z.string().describe("The region's own date now: its 'today'"),
    target: z.number().describe('Service level target, e.g. 0.8'),
    serviceLevelSeconds: z.number().int(),
    waiting: z.number().int().describe('Calls waiting now in the regional centre'),
    longestWaitSeconds: z.number().int(),
    serviceLevel30: share.describe('Live service level: the last 30 minutes, calls still waiting past the threshold counted as misses'),
    handled30: z.number().int().describe('Calls the live service level is based on'),
    offeredToday: z.number().int(),
    answeredToday: z.number().int(),
    abandonedToday: z.number().int(),
    serviceLevelToday: share,
    asaToday: z.number().nullable().describe('Average speed of answer today, seconds'),
    abandonRateToday: share,
    meetsNormsToday: z.boolean().nullable().describe('Service level, abandonment and ASA all within the norms (null: no calls yet)'),
    status: z.enum(['no_calls', 'meets', 'at_risk', 'below']).describe('By the live service level: below target, within 5 points of it, meeting it'),
  })
  .meta({ id: 'RegionFigures' });

export const alertSchema = z
  .object({
    id: z.number().int(),
    region: z.string(),
    regionName: z.string().nullable(),
    kind: z.literal('service_level'),
    startedAt: z.string(),
    endedAt: z.string().nullable(),
    target: z.number(),
    valueAtStart: z.number(),
    worstValue: z.number(),
    lastValue: z.number().nullable(),
    callsAtStart: z.number().int(),
  })
  .meta({ id: 'Alert' });

export const wallboardSchema = z
  .object({
    at: z.string(),
    national: z.object({
      waiting: z.number().int(),
      offeredToday: z.number().int(),
      answeredToday: z.number().int(),
      abandonedToday: z.number().int(),
      serviceLevelToday: share,
      regions: z.number().int(),
      regionsWithCalls: z.number().int(),
      regionsMeetingNorms: z.number().int().describe('"N of 85 regions meet the norms today" (of those with calls)'),
    }),
    regions: z.array(regionFiguresSchema),
    topTopics: z.array(z.object({ topic: z.string(), calls: z.number().int() })).describe('The last hour'),
    alerts: z.array(alertSchema).describe('Open now'),
  })
  .meta({ id: 'Wallboard' });

export const alertsQuerySchema = z.object({
  region: z
    .string()
    .regex(/^([0-9]{2}|federal)$/, 'a two-digit region code such as 77')
    .optional(),
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export const webhookRequestSchema = z.object({
  url: z
    .url({ protocol: /^https?$/, error: 'an http:// or https:// address' })
    .max(2000)
    .describe('Where alerts are POSTed as JSON, signed: X-Otvet-Signature: sha256=HMAC(secret, body)'),
  region: z
    .string()
    .regex(/^([0-9]{2}|federal)$/, 'a two-digit region code, or federal for all regions')
    .default('federal'),
  description: z.string().trim().max(200).default(''),
});

export const webhookSchema = z
  .object({
    id: z.number().int(),
    url: z.string(),
    region: z.string(),
    description: z.string(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Webhook' });

export const trendsSchema = z
  .object({
    at: z.string(),
    window: z.enum(['hour', 'day']),
    region: z.string().nullable(),
    calls: z.number().int().describe('Calls offered in the window'),
    baselineCalls: z.number().int().describe('Calls offered in the same hours of the 7 days before'),
    topics: z.array(z.object({ topic: z.string(), calls: z.number().int(), share: z.number(), baselineShare: z.number(), lift: z.number(), z: z.number() })),
    unansweredSearches: z.array(z.object({ query: z.string(), searches: z.number().int() })).describe('Knowledge-base searches that found nothing today'),
  })
  .meta({ id: 'Trends' });

export const regionAppealsSchema = z
  .object({
    region: z.string(),
    at: z.string().describe('The instant the figures are counted at'),
    open: z.number().int().describe('Appeals of the region open now (registered, forwarded, in progress, redirected)'),
    overdue: z.number().int().describe('Of those, past their due time'),
    overdueShare: share.describe('overdue / open; null without open appeals'),
  })
  .meta({ id: 'RegionAppeals' });

const curvePoint = z.object({
  offered: z.number().int(),
  answered: z.number().int(),
  serviceLevel: share.describe('Answered within the threshold over the calls handled; null without calls'),
});

export const intradaySchema = z
  .object({
    region: z.string().nullable().describe('null: the country, on Moscow time'),
    timezone: z.string().describe('The day is local to this zone'),
    date: z.string().describe('Today in that zone, YYYY-MM-DD'),
    comparedDate: z.string().describe('The same weekday a week before'),
    intervalMinutes: z.number().int(),
    points: z.array(
      z.object({
        time: z.string().describe('Local start of the interval, HH:MM'),
        today: curvePoint.nullable().describe('null: the interval has not begun yet'),
        lastWeek: curvePoint,
      }),
    ),
  })
  .meta({ id: 'Intraday' });
