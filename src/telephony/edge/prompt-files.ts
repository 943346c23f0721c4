// What the caller hears, as files rtpengine plays: the core's prompts mapped to the committed pieces
// (media/prompts.ts) and the pieces of one play joined into one WAV (wav.ts) in the edge's data
// folder, since rtpengine plays one file at a time. A region's menu is built this way ("Коронавирус —
// нажмите один…"), and so is each announced wait. Joined files are named by their pieces, so each
// is built once per folder and shared by every call; hold music is played on its own, repeated.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../../platform/logger.ts';
import { DEFAULT_PROMPTS_DIR, HOLD_MUSIC, menuAnnouncement, promptFile, waitAnnouncement } from '../media/prompts.ts';
import { concatWavFiles, parseWav } from '../media/wav.ts';
import type { Prompt } from './call-actions.ts';

/** Silence between the pieces of one announcement. */
const GAP_MS = 200;

export interface Speech {
  file: string;
  durationMs: number;
}

/** One `play`: speech first (if any), then hold music until something else plays (if asked). */
export interface PlayPlan {
  speech: Speech | null;
  hold: boolean;
}

export class PromptFiles {
  private readonly built = new Map<string, Promise<Speech>>();
  private readonly warned = new Set<string>();

  private constructor(
    private readonly promptsDir: string,
    private readonly cacheDir: string,
    private readonly available: Set<string>,
    private readonly logger: Logger,
  ) {}

  /** Reads which pieces exist (a menu names sections by their file) and prepares the folder for joined files. */
  static async open(opts: { cacheDir: string; promptsDir?: string; logger: Logger }): Promise<PromptFiles> {
    const promptsDir = opts.promptsDir ?? DEFAULT_PROMPTS_DIR;
    const names = await fs.readdir(promptsDir);
    await fs.mkdir(opts.cacheDir, { recursive: true });
    const available = new Set(names.filter((n) => n.endsWith('.wav')).map((n) => n.slice(0, -4)));
    if (!available.has(HOLD_MUSIC)) throw new Error(`${promptsDir} has no ${HOLD_MUSIC}.wav`);
    return new PromptFiles(promptsDir, path.resolve(opts.cacheDir), available, opts.logger);
  }

  get holdMusic(): string {
    return promptFile(HOLD_MUSIC, this.promptsDir);
  }

  /** The files of one `play` action. Rejects when a piece cannot be read or joined. */
  async plan(prompts: Prompt[]): Promise<PlayPlan> {
    const holdAt = prompts.findIndex((p) => p.name === 'hold_music');
    const spoken = (holdAt < 0 ? prompts : prompts.slice(0, holdAt)).flatMap((p) => this.pieces(p));
    return { speech: spoken.length ? await this.speech(spoken) : null, hold: holdAt >= 0 };
  }

  /** The pieces of one prompt, by file id. */
  private pieces(p: Prompt): string[] {
    switch (p.name) {
      case 'greeting':
        return ['greeting'];
      case 'menu': {
        const { ids, missing } = menuAnnouncement(p.items, (id) => this.available.has(id));
        for (const section of missing) this.warnOnce(section);
        return ids;
      }
      case 'menu_invalid':
        return ['menu-invalid'];
      case 'hold_music':
        return [];
      case 'wait':
        return waitAnnouncement(p.seconds);
      case 'callback_offer':
        return ['callback-offer'];
      case 'callback_accepted':
        return ['callback-accepted'];
      case 'connecting':
        return ['connecting'];
      case 'unavailable':
        return ['unavailable'];
    }
  }

  /** One file of these pieces: the piece itself when alone, else joined once into the data folder. */
  private speech(ids: string[]): Promise<Speech> {
    const key = ids.join(' ');
    let found = this.built.get(key);
    if (!found) {
      found = this.build(ids);
      // (a failure is not kept: the next call tries again)
      found.catch(() => this.built.delete(key));
      this.built.set(key, found);
    }
    return found;
  }

  private async build(ids: string[]): Promise<Speech> {
    const pieces = ids.map((id) => promptFile(id, this.promptsDir));
    if (pieces.length === 1) return { file: pieces[0]!, durationMs: parseWav(await fs.readFile(pieces[0]!)).durationMs };
    const file = path.join(this.cacheDir, `joined-${createHash('sha256').update(ids.join('\n')).digest('hex').slice(0, 24)}.wav`);
    const existing = await fs.readFile(file).catch(() => null);
    if (existing) {
      try {
        return { file, durationMs: parseWav(existing).durationMs };
      } catch {
        // a file left damaged: built again below
      }
    }
    await concatWavFiles(pieces, file, { gapMs: GAP_MS });
    return { file, durationMs: parseWav(await fs.readFile(file)).durationMs };
  }

  private warnOnce(section: string): void {
    if (this.warned.has(section)) return;
    this.warned.add(section);
    this.logger.warn({ section }, 'no rendered prompt for this menu section (npm run prompts:render): its digit works but is not announced');
  }
}
