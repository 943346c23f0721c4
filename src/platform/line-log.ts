// A file of lines that only grows, for what a process must find again after a crash (the SIP edge's
// event journal and its open calls). Opening reads the complete lines back and cuts off a torn last
// one (a crash in the middle of a write leaves at most that). Appends made while a write is under
// way share the next write and at most one fdatasync (group commit); a write that fails is cut back,
// so no half line is left for the next to be glued to. Its owner empties it, or rewrites it aside
// and renames it over, in maintain(): between writes, never during one.
import fs from 'node:fs/promises';
import path from 'node:path';

export interface LineLogOptions {
  /** Called after writes, with nothing queued: the owner may empty() or rewrite() the file here (and logs its own failures). */
  maintain?: () => Promise<void>;
}

export interface AppendOptions {
  /** On disk (fdatasync) before the append resolves; otherwise only written (a crash may lose it). */
  sync: boolean;
  /** Called once the text is written, before maintain() and before the append resolves. */
  written?: () => void;
}

/** What opening found. */
export interface OpenedLog {
  log: LineLog;
  /** The file's complete lines, in order (empty ones left out). */
  lines: string[];
  /** Bytes of a torn last line cut off. */
  tornBytes: number;
}

type Op = { text: string; sync: boolean; written?: () => void; resolve: () => void; reject: (e: Error) => void };

export class LineLog {
  private readonly queue: Op[] = [];
  private flushing: Promise<void> | null = null;
  private closed = false;

  private constructor(
    private handle: fs.FileHandle,
    /** The file's length: everything written and complete. */
    private length: number,
    readonly file: string,
    private readonly options: LineLogOptions,
  ) {}

  /** Opens (or creates, mode 0600) the file and reads its complete lines back; its folder must exist. */
  static async open(file: string, options: LineLogOptions = {}): Promise<OpenedLog> {
    const handle = await fs.open(file, 'a+', 0o600);
    try {
      const content = await handle.readFile();
      const complete = content.lastIndexOf(0x0a) + 1;
      const torn = content.length - complete;
      if (torn > 0) {
        await handle.truncate(complete);
        await handle.datasync();
      }
      // (a file just created survives a power cut only once its folder is flushed too)
      await syncDir(path.dirname(file));
      const lines = content
        .subarray(0, complete)
        .toString('utf8')
        .split('\n')
        .filter((l) => l !== '');
      return { log: new LineLog(handle, complete, file, options), lines, tornBytes: torn };
    } catch (e) {
      await handle.close();
      throw e;
    }
  }

  /** Bytes in the file. */
  get bytes(): number {
    return this.length;
  }

  /** Appends whole lines (each ending with a line feed); resolves once written (and flushed, with `sync`). */
  append(text: string, options: AppendOptions): Promise<void> {
    if (this.closed) return Promise.reject(new Error(`${this.file} is closed`));
    return new Promise((resolve, reject) => {
      this.queue.push({ text, sync: options.sync, written: options.written, resolve, reject });
      this.kick();
    });
  }

  /** Resolves when nothing is being written or maintained. */
  async idle(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  /** Waits for writes under way, then closes the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.idle();
    await this.handle.close();
  }

  /** The file emptied and flushed. Only from maintain(), or before the first append. */
  async empty(): Promise<void> {
    if (this.length === 0) return;
    await this.handle.truncate(0);
    await this.handle.datasync();
    this.length = 0;
  }

  /** The file replaced by `text`: written aside, flushed, renamed over it. Only from maintain(), or before the first append. */
  async rewrite(text: string): Promise<void> {
    const aside = `${this.file}.tmp`;
    const data = Buffer.from(text, 'utf8');
    const fresh = await fs.open(aside, 'w', 0o600);
    try {
      await writeAll(fresh, data);
      await fresh.datasync();
    } finally {
      await fresh.close();
    }
    await fs.rename(aside, this.file);
    await syncDir(path.dirname(this.file));
    const old = this.handle;
    this.handle = await fs.open(this.file, 'a+', 0o600);
    this.length = data.length;
    await old.close();
  }

  private kick() {
    if (this.flushing) return;
    this.flushing = this.flush().finally(() => {
      this.flushing = null;
      if (this.queue.length) this.kick();
    });
  }

  /** One write and at most one flush for everything queued meanwhile. */
  private async flush(): Promise<void> {
    while (this.queue.length) {
      const ops = this.queue.splice(0);
      const data = Buffer.from(ops.map((o) => o.text).join(''), 'utf8');
      try {
        await writeAll(this.handle, data);
        if (ops.some((o) => o.sync)) await this.handle.datasync();
        this.length += data.length;
      } catch (e) {
        await this.handle.truncate(this.length).catch(() => {});
        for (const o of ops) o.reject(e as Error);
        continue;
      }
      for (const o of ops) {
        o.written?.();
        o.resolve();
      }
      // (maintain() handles its own failures: the file stays as it was, only larger)
      if (!this.queue.length && this.options.maintain) await this.options.maintain().catch(() => {});
    }
  }
}

async function writeAll(handle: fs.FileHandle, data: Buffer): Promise<void> {
  for (let at = 0; at < data.length;) at += (await handle.write(data, at, data.length - at)).bytesWritten;
}

async function syncDir(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
