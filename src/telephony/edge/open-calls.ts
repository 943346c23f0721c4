// The calls the edge has open, kept in its data folder so that an edge started again after a crash
// can end them (restart.ts): otvet's call id (rtpengine's call-id too), when it was offered, and
// once an operator talks, who, with the phone's dialog for a BYE. No caller's number is kept: the
// caller's own dialog is not (its From, and often its Contact and Call-ID, carry the number).
//
// Lines (platform/line-log.ts: a torn last line is cut at open): {"open":{…}} flushed before the
// call's first event goes to the journal, so a call otvet may hear of is always here; {"talking":{…}}
// flushed when the call is bridged; {"closed":"id"} once its last event is in the journal, not
// flushed (lost in a crash, the call is ended again at the restart and otvet answers that it had
// ended already). The file is emptied when no call is open, and rewritten when mostly closed calls.
import path from 'node:path';
import { z } from 'zod';
import { LineLog } from '../../platform/line-log.ts';
import type { Logger } from '../../platform/logger.ts';
import type { DialogState } from '../sip/dialog.ts';
import type { Peer } from '../sip/message.ts';

export const OPEN_CALLS_FILE = 'open-calls.jsonl';

/** The operator's phone in a conversation: its dialog, and where its requests go. */
export interface PhoneDialog {
  dialog: DialogState;
  flow: Peer;
}

export interface OpenCall {
  /** otvet's call id, also the call's id in rtpengine. */
  callId: string;
  /** When it was offered (ISO 8601). */
  at: string;
  /** Bridged to an operator; their phone's dialog when it had one. */
  talking?: { operator: string; phone?: PhoneDialog };
}

const dialogSchema = z.object({
  role: z.enum(['uac', 'uas']),
  callId: z.string().min(1),
  localTag: z.string().min(1),
  remoteTag: z.string().min(1),
  localParty: z.string().min(1),
  remoteParty: z.string().min(1),
  routeSet: z.array(z.string()),
  remoteTarget: z.string().min(1),
  localSeq: z.number().int().nonnegative().optional(),
  remoteSeq: z.number().int().nonnegative().optional(),
});
const peerSchema = z.object({ transport: z.enum(['udp', 'tcp', 'ws']), address: z.string().min(1), port: z.number().int().min(1).max(65535) });
const lineSchema = z.union([
  z.object({ open: z.object({ callId: z.string().min(1), at: z.string().min(1) }) }),
  z.object({ talking: z.object({ callId: z.string().min(1), operator: z.string().min(1), phone: z.object({ dialog: dialogSchema, flow: peerSchema }).optional() }) }),
  z.object({ closed: z.string().min(1) }),
]);

export interface OpenCallsOptions {
  logger?: Logger;
  /** Rewrite the file when it is larger than this and mostly closed calls (default 4 MiB). */
  compactBytes?: number;
}

/** What opening found. */
export interface RecoveredCalls {
  /** Calls the last run left open. */
  calls: number;
  /** Bytes of a torn last line cut off. */
  tornBytes: number;
  /** Complete lines that could not be read (skipped). */
  badLines: number;
}

const line = (record: unknown) => `${JSON.stringify(record)}\n`;

export class OpenCalls {
  private readonly open = new Map<string, OpenCall>();
  /** Bytes of each open call's lines: what a rewrite would keep. */
  private readonly lineBytes = new Map<string, number>();
  private liveBytes = 0;

  private constructor(
    private readonly log: LineLog,
    readonly recovered: RecoveredCalls,
    private readonly opts: OpenCallsOptions,
  ) {}

  /** Opens (or creates) the record of a data folder (which must exist) and reads back what was open. */
  static async open(dir: string, opts: OpenCallsOptions = {}): Promise<OpenCalls> {
    const file = path.join(dir, OPEN_CALLS_FILE);
    let calls: OpenCalls | undefined;
    const { log, lines, tornBytes } = await LineLog.open(file, { maintain: () => calls!.compact() });
    try {
      calls = new OpenCalls(log, { calls: 0, tornBytes, badLines: 0 }, opts);
      calls.recovered.badLines = calls.replay(lines);
      calls.recovered.calls = calls.open.size;
      if (tornBytes || calls.recovered.badLines) opts.logger?.warn({ file, ...calls.recovered }, 'open calls: a torn or damaged line skipped');
      return calls;
    } catch (e) {
      await log.close();
      throw e;
    }
  }

  private replay(lines: string[]): number {
    let bad = 0;
    for (const text of lines) {
      let parsed;
      try {
        parsed = lineSchema.safeParse(JSON.parse(text));
      } catch {
        parsed = undefined;
      }
      if (!parsed?.success) {
        bad++;
        continue;
      }
      const r = parsed.data;
      const bytes = Buffer.byteLength(text) + 1;
      if ('open' in r) this.set({ ...r.open }, bytes);
      else if ('talking' in r) this.setTalking(r.talking.callId, { operator: r.talking.operator, ...(r.talking.phone ? { phone: r.talking.phone } : {}) }, bytes);
      else this.remove(r.closed);
    }
    return bad;
  }

  /** The calls open now (after a restart, until they are ended: those the last run left). */
  get calls(): OpenCall[] {
    return [...this.open.values()];
  }

  get size(): number {
    return this.open.size;
  }

  /** A call is about to be reported to otvet: on disk when this resolves. */
  opened(callId: string, at: string): Promise<void> {
    const call: OpenCall = { callId, at };
    const text = line({ open: call });
    return this.log.append(text, { sync: true, written: () => this.set(call, Buffer.byteLength(text)) });
  }

  /** The call is bridged to an operator (their phone's dialog, when it has one). */
  talking(callId: string, operator: string, phone?: PhoneDialog): Promise<void> {
    const talking = { operator, ...(phone ? { phone } : {}) };
    const text = line({ talking: { callId, ...talking } });
    return this.log.append(text, { sync: true, written: () => this.setTalking(callId, talking, Buffer.byteLength(text)) });
  }

  /** The calls' last events are in the journal (or they will have none): they are no longer open. */
  closed(callIds: string[], options: { sync: boolean } = { sync: false }): Promise<void> {
    const ids = callIds.filter((id) => this.open.has(id));
    if (!ids.length) return Promise.resolve();
    const written = () => {
      for (const id of ids) this.remove(id);
    };
    return this.log.append(ids.map((id) => line({ closed: id })).join(''), { sync: options.sync, written });
  }

  /** Resolves when nothing is being written or compacted. */
  idle(): Promise<void> {
    return this.log.idle();
  }

  close(): Promise<void> {
    return this.log.close();
  }

  /** Between writes: empty the file when no call is open; rewrite it with the open ones when mostly closed. */
  private async compact(): Promise<void> {
    try {
      if (this.open.size === 0) return await this.log.empty();
      const limit = this.opts.compactBytes ?? 4 * 1024 * 1024;
      if (this.log.bytes > limit && this.log.bytes > 2 * this.liveBytes) {
        await this.log.rewrite(this.calls.map((c) => line({ open: { callId: c.callId, at: c.at } }) + (c.talking ? line({ talking: { callId: c.callId, ...c.talking } }) : '')).join(''));
      }
    } catch (e) {
      // (the file stays as it was, only larger: tried again after the next write)
      this.opts.logger?.warn({ err: e }, 'open calls: compaction failed');
    }
  }

  private set(call: OpenCall, bytes: number): void {
    this.remove(call.callId);
    this.open.set(call.callId, call);
    this.count(call.callId, bytes);
  }

  private setTalking(callId: string, talking: NonNullable<OpenCall['talking']>, bytes: number): void {
    const call = this.open.get(callId);
    if (!call) return;
    call.talking = talking;
    this.count(callId, bytes);
  }

  private count(callId: string, bytes: number): void {
    this.lineBytes.set(callId, (this.lineBytes.get(callId) ?? 0) + bytes);
    this.liveBytes += bytes;
  }

  private remove(callId: string): void {
    this.open.delete(callId);
    this.liveBytes -= this.lineBytes.get(callId) ?? 0;
    this.lineBytes.delete(callId);
  }
}
