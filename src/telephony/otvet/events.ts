// The call events the edge reports, in the shapes POST /api/v1/telephony/events takes
// (docs/telephony-events.md). Declared here, not imported: the edge knows otvet only by its API.

interface Common {
  /** Unique and stable: the same event sent again (after a crash, a retry) carries the same id. */
  id: string;
  callId: string;
  /** ISO 8601 with offset. */
  at: string;
}

export type EdgeEvent = Common &
  (
    | { type: 'offered'; region: string; caller: string | null; dialled?: string; topic?: string }
    | { type: 'ivr_choice'; topic: string }
    | { type: 'queued'; queue?: string; region?: string }
    | { type: 'ringing'; operator: string }
    | { type: 'answered'; operator: string }
    | { type: 'transferred'; to: { queue: string; region?: string } | { operator: string } }
    | { type: 'callback_requested' }
    | { type: 'abandoned'; reason?: string }
    | { type: 'ended'; reason?: string }
  );

export type EdgeEventType = EdgeEvent['type'];

/** otvet's answer for one event. */
export interface Verdict {
  id: string;
  status: 'accepted' | 'duplicate' | 'rejected';
  reason?: string;
}
