// Shapes of the telephony events API, calls, operators and queues.
import { z } from 'zod';
import { instantInRange } from '../platform/http/schemas.ts';
import { callStates } from './call-fold.ts';
import { agentStates } from './agents-queries.ts';

const region = z.string().regex(/^[0-9]{2}$/, 'a two-digit region code');
const username = z.string().trim().toLowerCase().min(1).max(64).describe('The operator’s otvet username');
const name = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,49}$/, 'a queue name such as general');
const topic = z.string().trim().min(1).max(100);

const common = {
  id: z.string().min(1).max(200).describe('Unique id of this event (the sender’s); sending it again is harmless'),
  callId: z.string().min(1).max(100).describe('The call’s id, the same in every event of the call'),
  at: z.iso
    .datetime({ offset: true })
    .refine(instantInRange, 'must be in the years 2000 to 2100 (check the sender’s clock)')
    .describe('When it happened (ISO 8601 with offset; years 2000–2100, at most 5 minutes ahead of otvet’s clock)'),
};

export const telephonyEventSchema = z.discriminatedUnion('type', [
  z.object({
    ...common,
    type: z.literal('offered'),
    region: region.describe('The caller’s region (its call centre)'),
    caller: z.string().max(40).nullable().optional().describe('Caller number as received; otvet keeps only a keyed hash and a masked form'),
    dialled: z.string().max(40).optional().describe('The number dialled, e.g. 122'),
    topic: topic.optional().describe('Topic chosen in the IVR, if known already'),
  }),
  z.object({ ...common, type: z.literal('ivr_choice'), topic }),
  z.object({ ...common, type: z.literal('queued'), queue: name.optional().describe('Default: the queue taking the call’s topic, else "general"'), region: region.optional() }),
  z.object({ ...common, type: z.literal('ringing'), operator: username }),
  z.object({ ...common, type: z.literal('answered'), operator: username }),
  z.object({
    ...common,
    type: z.literal('transferred'),
    to: z.union([z.object({ queue: name, region: z.union([region, z.literal('federal')]).optional() }), z.object({ operator: username })]),
  }),
  z.object({ ...common, type: z.literal('abandoned'), reason: z.string().max(100).optional() }),
  z.object({ ...common, type: z.literal('callback_requested') }),
  z.object({ ...common, type: z.literal('ended'), reason: z.string().max(100).optional() }),
]);
export type TelephonyEvent = z.infer<typeof telephonyEventSchema>;

export const eventResultSchema = z.object({
  id: z.string(),
  status: z.enum(['accepted', 'duplicate', 'rejected']),
  reason: z.string().optional(),
});
export type EventResult = z.infer<typeof eventResultSchema>;

export const callSchema = z
  .object({
    callId: z.string(),
    state: z.enum(callStates),
    region: z.string().nullable(),
    queue: z.object({ id: z.number().int(), name: z.string(), region: z.string() }).nullable(),
    operator: z.object({ id: z.number().int(), username: z.string().nullable() }).nullable(),
    callerMasked: z.string().nullable(),
    topic: z.string().nullable(),
    offeredAt: z.string().nullable(),
    queuedAt: z.string().nullable(),
    ringingAt: z.string().nullable(),
    answeredAt: z.string().nullable(),
    endedAt: z.string().nullable(),
    wrappedAt: z.string().nullable(),
    waitSeconds: z.number().nullable(),
    overflowed: z.boolean(),
    callback: z.boolean(),
    outcome: z.string().nullable(),
    topics: z.array(z.string()),
    answersUsed: z.array(z.string()),
    measures: z.array(z.string()).describe('The support measures the navigator found eligible (ids), from the wrap-up'),
    closeReason: z.string().nullable(),
  })
  .meta({ id: 'Call' });
export type CallView = z.infer<typeof callSchema>;

export const callEventViewSchema = z.object({ id: z.string(), type: z.string(), at: z.string(), source: z.string(), data: z.record(z.string(), z.unknown()) });

export const agentSchema = z
  .object({
    userId: z.number().int(),
    username: z.string(),
    displayName: z.string(),
    region: z.string(),
    skills: z.array(z.string()),
    state: z.enum(agentStates),
    reason: z.string().nullable(),
    since: z.string(),
    callId: z.string().nullable(),
    breakAfter: z.string().nullable(),
  })
  .meta({ id: 'Operator' });
export type AgentView = z.infer<typeof agentSchema>;

export const outcomes = ['answered', 'appeal_needed', 'transferred', 'callback', 'dropped'] as const;

/** Largest packet and byte counts the API takes (the browser's counters, far above any one call). */
const COUNT_MAX = 2 ** 31;
const count = (what: string) => z.number().int().min(0).max(COUNT_MAX).describe(what);

/** The line's quality as the operator's browser phone measured it (WebRTC statistics), sent with the wrap-up. */
export const callQualitySchema = z
  .object({
    mos: z.number().min(1).max(5).describe('Mean opinion score 1.0–5.0, the E-model estimate computed in the browser'),
    packetsReceived: count('inbound-rtp packetsReceived'),
    packetsLost: count('inbound-rtp packetsLost (cumulative; WebRTC may report it negative: clamp at 0 before sending)'),
    jitterMs: z.number().min(0).max(10_000).describe('inbound-rtp jitter, ms'),
    rttMs: z.number().min(0).max(60_000).nullable().describe('Round-trip time, ms; null when the browser did not measure it'),
    bytesReceived: count('inbound-rtp bytesReceived'),
    bytesSent: count('outbound-rtp bytesSent'),
    durationSeconds: z.number().min(0).max(86_400).describe('The media time measured, seconds'),
  })
  .meta({ id: 'CallQuality' });
export type CallQuality = z.infer<typeof callQualitySchema>;

export const wrapUpSchema = z.object({
  outcome: z.enum(outcomes),
  topics: z.array(z.string().trim().min(1).max(200)).max(10).default([]).describe('Sections or answer slugs the call was about'),
  answersUsed: z
    .array(z.string().regex(/^[a-z0-9][a-z0-9-]{1,119}$/))
    .max(20)
    .default([]),
  measures: z
    .array(z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/))
    .max(50)
    .default([])
    .describe('The support measures the navigator found the caller eligible for (ids of its catalogue), counted in reports'),
  note: z.string().trim().max(2000).optional(),
  quality: callQualitySchema.optional().describe('The WebRTC statistics of the call, when the operator took it on the browser phone'),
});
export type WrapUp = z.infer<typeof wrapUpSchema>;

export const agentStateRequestSchema = z.object({
  state: z.enum(['ready', 'break', 'offline']),
  reason: z.string().trim().min(1).max(50).optional().describe('For a break: lunch, training, meeting …'),
});

export { region as regionCodeSchema };
