// The edge's journal of call events not yet acknowledged by otvet: a file of JSON lines in the
// edge's data folder. An event is on disk (fdatasync) before append() resolves, so a crash or a
// restart loses nothing the edge reported; it is sent again with its id, which otvet answers
// `duplicate`, so nothing is counted twice.
//
// Lines: {"event":{…}} when an event is appended, {"done":["id",…]} when otvet has given its
// verdict. Reopening replays them: what was appended and not done is pending again, in order. A
// crash in the middle of a write leaves at most a torn last line, which is ignored and cut off
// (platform/line-log.ts writes the file). When everything is done the file is emptied; a file grown
// large with done events is rewritten with the pending ones only (written aside, then renamed over it).
import fs from 'node:fs/promises';
import path from 'node:path';
import { LineLog } from '../../platform/line-log.ts';
import type { Logger } from '../../platform/logger.ts';
import type { EdgeEvent } from './events.ts';

export const JOURNAL_FILE = 'events.journal.jsonl';

/** A pending event with its JSON, ready to be put in a request body as it is. */
export interface JournalEntry {
  id: string;
  event: EdgeEvent;
  json: string;
  /** UTF-8 bytes of json. */
  bytes: number;
}

export interface JournalOptions {
  logger?: Logger;
  /** Rewrite the file when it is larger than this and mostly done events (default 16 MiB). */
  compactBytes?: number;
}

/** What reopening found in the file. */
export interface Recovered {
  /** Events pending again. */
  pending: number;
  /** Bytes of a torn last line cut off. */
  tornBytes: number;
  /** Complete lines that could not be read (skipped; a damaged disk, not a crash). */
  badLines: number;
}

const eventLine = (json: string) => `{"event":${json}}\n`;

export class Journal {
  private readonly pendingById = new Map<string, JournalEntry>();
  /** Appended, not yet on disk (a repeat of one of these ids is not written twice). */
  private readonly writing = new Set<string>();
  private readonly listeners: (() => void)[] = [];
  private liveBytes = 0;
  private closed = false;

  private constructor(
    private readonly log: LineLog,
    readonly file: string,
    readonly recovered: Recovered,
    private readonly opts: JournalOptions,
  ) {}

  /** Opens (or creates) the journal of a data folder and reads back what is pending. */
  static async open(dir: string, opts: JournalOptions = {}): Promise<Journal> {
    await fs.mkdir(dir, { recursive: true });
    const file = path.join(dir, JOURNAL_FILE);
    let journal: Journal | undefined;
    const { log, lines, tornBytes } = await LineLog.open(file, { maintain: () => journal!.maybeCompact() });
    try {
      const recovered: Recovered = { pending: 0, tornBytes, badLines: 0 };
      journal = new Journal(log, file, recovered, opts);
      recovered.badLines = journal.replay(lines);
      recovered.pending = journal.size;
      if (tornBytes || recovered.badLines) opts.logger?.warn({ file, ...recovered }, 'event journal: a torn or damaged line skipped');
      await journal.maybeCompact();
      return journal;
    } catch (e) {
      await log.close();
      throw e;
    }
  }

  private replay(lines: string[]): number {
    let bad = 0;
    for (const line of lines) {
      let record: { event?: EdgeEvent; done?: unknown } | null;
      try {
        record = JSON.parse(line) as typeof record;
      } catch {
        bad++;
        continue;
      }
      if (!record || typeof record !== 'object') bad++;
      else if (record.event && typeof record.event.id === 'string') {
        if (!this.pendingById.has(record.event.id)) this.add(entryOf(record.event));
      } else if (Array.isArray(record.done)) {
        for (const id of record.done) if (typeof id === 'string') this.remove(id);
      } else bad++;
    }
    return bad;
  }

  /** Events waiting for otvet's verdict. */
  get size(): number {
    return this.pendingById.size;
  }

  /** Calls fn after each append is on disk (the reporter wakes up). */
  onAppend(fn: () => void): () => void {
    this.listeners.push(fn);
    return () => {
      const i = this.listeners.indexOf(fn);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /**
   * Writes events and resolves once they are on disk. An id already pending is not written again.
   * Appends made while a write is under way share the next write and its flush.
   */
  append(events: EdgeEvent[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the event journal is closed'));
    const entries: JournalEntry[] = [];
    for (const event of events) {
      if (this.pendingById.has(event.id) || this.writing.has(event.id)) continue;
      this.writing.add(event.id);
      entries.push(entryOf(event));
    }
    if (!entries.length) return Promise.resolve();
    const written = () => {
      // (pending before compaction can run: a rewrite keeps them)
      for (const entry of entries) {
        this.writing.delete(entry.id);
        this.add(entry);
      }
      for (const fn of [...this.listeners]) fn();
    };
    return this.log.append(entries.map((e) => eventLine(e.json)).join(''), { sync: true, written }).catch((e: unknown) => {
      for (const entry of entries) this.writing.delete(entry.id);
      throw e;
    });
  }

  /** The oldest pending events, at most `limit` of them and `maxBytes` of JSON (one at least). */
  pending(limit: number, maxBytes = Infinity): JournalEntry[] {
    const out: JournalEntry[] = [];
    let bytes = 0;
    for (const entry of this.pendingById.values()) {
      if (out.length >= limit || (out.length > 0 && bytes + entry.bytes > maxBytes)) break;
      out.push(entry);
      bytes += entry.bytes;
    }
    return out;
  }

  /**
   * otvet has given its verdict on these events: they are no longer pending. The line saying so is
   * not flushed on its own: losing it in a crash only means sending them again (answered duplicate).
   */
  ack(ids: string[]): Promise<void> {
    const done = ids.filter((id) => this.remove(id));
    if (!done.length || this.closed) return Promise.resolve();
    return this.log.append(`${JSON.stringify({ done })}\n`, { sync: false });
  }

  /** Resolves when nothing is being written or compacted. */
  idle(): Promise<void> {
    return this.log.idle();
  }

  /** Waits for writes under way, then closes the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.log.close();
  }

  private add(entry: JournalEntry) {
    this.pendingById.set(entry.id, entry);
    this.liveBytes += entry.bytes;
  }

  private remove(id: string): boolean {
    const entry = this.pendingById.get(id);
    if (!entry) return false;
    this.pendingById.delete(id);
    this.liveBytes -= entry.bytes;
    return true;
  }

  /** Between writes: empty the file when all is done; rewrite it when mostly done. */
  private async maybeCompact(): Promise<void> {
    try {
      if (this.pendingById.size === 0 && this.writing.size === 0) return await this.log.empty();
      const limit = this.opts.compactBytes ?? 16 * 1024 * 1024;
      const bytes = this.log.bytes;
      if (bytes > limit && bytes > 2 * (this.liveBytes + 11 * this.pendingById.size)) {
        await this.log.rewrite([...this.pendingById.values()].map((e) => eventLine(e.json)).join(''));
      }
    } catch (e) {
      // (the file stays as it was, only larger: compaction is tried again after the next write)
      this.opts.logger?.warn({ err: e, file: this.file }, 'event journal: compaction failed');
    }
  }
}

function entryOf(event: EdgeEvent): JournalEntry {
  const json = JSON.stringify(event);
  return { id: event.id, event, json, bytes: Buffer.byteLength(json) };
}
