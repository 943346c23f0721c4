// At start, before the edge takes calls: the calls the last run left open (open-calls.ts: it died
// with them, SIGKILL or a crash) are ended. otvet hears each through the journal, so once: `ended`
// for a conversation (the operator goes to wrap-up), `abandoned` before an answer, with the reason
// `edge_restarted` and an id of its own (the dead run's own numbering may have gone further than the
// record knew). rtpengine's call is deleted (the media stops: nobody is left talking to silence
// through it), and the operator's phone still in the conversation gets a BYE. The caller gets none:
// their dialog is not kept, as it carries their number; their trunk ends it when its session timer
// or media timeout finds nobody there. Then the record forgets them.
import type { Logger } from '../../platform/logger.ts';
import { RtpengineError, type Rtpengine } from '../media/rtpengine.ts';
import type { EdgeEvent } from '../otvet/events.ts';
import { Dialog } from '../sip/dialog.ts';
import { dialogRequest } from '../sip/dialog-requests.ts';
import type { Peer, SipRequest } from '../sip/message.ts';
import type { SipStack } from '../sip/stack.ts';
import type { EndReason } from './call-actions.ts';
import type { OpenCall, OpenCalls, PhoneDialog } from './open-calls.ts';

export const RESTART_REASON: EndReason = 'edge_restarted';

/**
 * Added to the last CSeq number the record saw in the phone's dialog: session refreshes after it
 * used some. Any higher number is in order for the phone (RFC 3261 §12.2.2: a gap is no error).
 */
export const CSEQ_MARGIN = 10_000;

/** The event that ends a call left open: dated now (after anything otvet recorded meanwhile), its own id. */
export function restartEvent(call: OpenCall, now: number): EdgeEvent {
  const common = { id: `${call.callId}-restart`, callId: call.callId, at: new Date(now).toISOString(), reason: RESTART_REASON };
  return call.talking ? { ...common, type: 'ended' } : { ...common, type: 'abandoned' };
}

/** A BYE in the phone's dialog as the record kept it. */
export function byeFor(phone: PhoneDialog): SipRequest {
  const dialog = Dialog.restore({ ...phone.dialog, localSeq: (phone.dialog.localSeq ?? 0) + CSEQ_MARGIN });
  return dialogRequest(dialog, 'BYE');
}

export interface RestartDeps {
  openCalls: OpenCalls;
  reporter: { report(events: EdgeEvent[]): Promise<void> };
  rtpengine: Pick<Rtpengine, 'delete'>;
  stack: Pick<SipStack, 'sendRequest'>;
  logger: Logger;
  now?: () => number;
}

/** rtpengine requests at once, at most (a thousand calls left open do not flood it). */
const AT_ONCE = 50;

/** Ends every call the last run left open; how many there were. */
export async function endLeftOverCalls(deps: RestartDeps): Promise<number> {
  const calls = deps.openCalls.calls;
  if (!calls.length) return 0;
  const now = deps.now?.() ?? Date.now();
  // otvet first: once in the journal (on disk), these reach otvet even if the edge dies again now.
  await deps.reporter.report(calls.map((c) => restartEvent(c, now)));
  // (rtpengine not answering: the rest are not tried, so the edge does not wait seconds per call to start)
  let rtpengineAway = false;
  for (let i = 0; i < calls.length; i += AT_ONCE) {
    await Promise.all(
      calls.slice(i, i + AT_ONCE).map(async (call) => {
        if (call.talking?.phone) hangUpPhone(deps, call.callId, call.talking.phone);
        if (rtpengineAway) return;
        try {
          // (at once: the call is dead, no late signalling to wait for)
          await deps.rtpengine.delete({ callId: call.callId, deleteDelay: 0 });
        } catch (err) {
          if (err instanceof RtpengineError && err.kind === 'timeout') rtpengineAway = true;
          deps.logger.warn({ err: String(err), callId: call.callId }, 'rtpengine did not delete a call left from before the restart (it times the call out itself)');
        }
      }),
    );
  }
  await deps.openCalls.closed(
    calls.map((c) => c.callId),
    { sync: true },
  );
  deps.logger.warn({ calls: calls.length, talking: calls.filter((c) => c.talking).length }, 'calls left open by the last run (it did not stop cleanly) ended: reported to otvet as edge_restarted');
  return calls.length;
}

/** The BYE sent; its answer only logged (a phone that is gone takes the transaction's 32 s). */
function hangUpPhone(deps: RestartDeps, callId: string, phone: PhoneDialog): void {
  let bye: SipRequest;
  try {
    bye = byeFor(phone);
  } catch (err) {
    deps.logger.warn({ err: String(err), callId }, 'the operator’s phone left from before the restart could not be sent a BYE');
    return;
  }
  void send(deps.stack, bye, phone.flow).then((status) => {
    deps.logger.info({ callId, status }, 'the operator’s phone left from before the restart was sent a BYE');
  });
}

/** A request in a transaction of its own: its final status (408: none came, 503: it could not be sent). */
function send(stack: Pick<SipStack, 'sendRequest'>, request: SipRequest, to: Peer): Promise<number> {
  return new Promise((resolve) => {
    let tx;
    try {
      tx = stack.sendRequest(request, to);
    } catch {
      return resolve(503);
    }
    tx.on('final', (response) => resolve(response.status));
    tx.once('timeout', () => resolve(408));
    tx.once('transportError', () => resolve(503));
  });
}
