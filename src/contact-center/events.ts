// The contact centre's topics and what each carries.
import { topicsOf, type EventOf } from '../platform/events/bus.ts';
import type { ChangeFacts } from './change-facts.ts';

/** What the ACD (or a workstation) tells the telephony edge to do with a call. */
export interface Decision {
  id: string;
  type: 'connect' | 'callback' | 'stop_ringing' | 'offer_callback' | 'bridge' | 'hangup' | 'transfer';
  callId: string;
  region: string | null;
  queueRegion: string | null;
  operator?: { id: number; username: string };
  at: string;
}

/** What others need to know of a call that changed (the ACD routes from these). */
export interface CallSummary {
  callId: string;
  region: string | null;
  queueRegion: string | null;
  queueId: number | null;
  state: string;
  operatorId: number | null;
  topic?: string | null;
  queuedAt?: string | null;
  overflowed?: boolean;
  /** The edge's PBX routes it: not the ACD's to ring, escalate or overflow. */
  routedByPbx?: boolean;
}

/** What others need to know of an operator whose state changed. */
export interface AgentSummary {
  userId: number;
  region: string;
  state: string;
  skills?: string[];
  idleSince?: string | null;
}

/** Calls and operators that changed in one transaction; as published, with its facts for the figures (see change-facts.ts). */
export interface CallsChanged extends ChangeFacts {
  /** The process that recorded the change (see NODE). */
  origin?: string;
  calls: CallSummary[];
  agents: AgentSummary[];
}

/** A queue's settings changed: every node reads the queues again. */
export interface QueueChanged {
  id: number;
}

export type ContactCenterTopics = {
  'cc.calls.changed': CallsChanged;
  'cc.queues.changed': QueueChanged;
  'acd.decision': Decision;
};

export const ccTopics = topicsOf<ContactCenterTopics>();

/** What the live streams (live-feeds.ts) are fed. */
export type LiveEvent = EventOf<ContactCenterTopics, 'acd.decision' | 'cc.calls.changed'>;
