// The API shapes the supervisor view reads (RegionOverview, Operator, Call, Norms in
// openapi/openapi.json), narrowed to what the screen uses.

export const agentStates = ['offline', 'ready', 'ringing', 'talking', 'wrap_up', 'break'] as const;
export type AgentState = (typeof agentStates)[number];

export const callStates = ['pending', 'ivr', 'waiting', 'ringing', 'talking', 'wrap_up', 'ended', 'abandoned', 'callback_pending'] as const;
export type CallState = (typeof callStates)[number];

/** What a supervisor may set an operator to. */
export type SettableState = 'ready' | 'break' | 'offline';

export interface Agent {
  userId: number;
  username: string;
  displayName: string;
  region: string;
  skills: string[];
  state: AgentState;
  reason: string | null;
  since: string;
  callId: string | null;
  breakAfter: string | null;
}

export interface Call {
  callId: string;
  state: CallState;
  region: string | null;
  queue: { id: number; name: string; region: string } | null;
  operator: { id: number; username: string | null } | null;
  callerMasked: string | null;
  topic: string | null;
  offeredAt: string | null;
  queuedAt: string | null;
  answeredAt: string | null;
  endedAt: string | null;
  waitSeconds: number | null;
  overflowed: boolean;
  callback: boolean;
  outcome: string | null;
  closeReason: string | null;
}

export interface QueueNow {
  id: number;
  name: string;
  title: string;
  waiting: number;
  longestWaitSeconds: number;
  offeredToday: number;
  answeredToday: number;
  abandonedToday: number;
  /** 0..1, null before the first answered or abandoned call of the day. */
  serviceLevelToday: number | null;
}

export interface Overview {
  region: string;
  /** The server's clock when the overview was taken. */
  at: string;
  queues: QueueNow[];
  agents: Agent[];
  recentCalls: Call[];
}

/** The part of a region's norms (GET /api/v1/regions/{code}/settings → effective.norms) shown here. */
export interface Norms {
  serviceLevelTarget: number;
  serviceLevelSeconds: number;
}
