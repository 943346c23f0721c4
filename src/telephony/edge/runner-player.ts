// What a caller hears, one `play` at a time: its speech as one file, then (when the play ends in hold
// music) the hold music repeated until something else plays, or else `prompt_done` once the speech
// has had its time. A newer play or a stop makes an older one's timer and follow-up void.
import type { Logger } from '../../platform/logger.ts';
import type { Prompt } from './call-actions.ts';
import type { PromptFiles } from './prompt-files.ts';
import type { CallMedia } from './runner-media.ts';

/** After the speech's length, a little more for the packets still on their way. */
const END_MARGIN_MS = 300;
/** Hold music repeated this many times (hours): something else always plays first. */
const HOLD_REPEATS = 1000;

export interface PlayerHooks {
  /** The speech of this play has ended and nothing follows it. */
  done(playId: number): void;
  /** Runs later work in the call's order (after the actions queued meanwhile). */
  later(work: () => Promise<void>): void;
}

export class Player {
  private generation = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly media: CallMedia,
    private readonly files: PromptFiles,
    private readonly hooks: PlayerHooks,
    private readonly logger: Logger,
  ) {}

  async play(playId: number, prompts: Prompt[]): Promise<void> {
    const generation = this.restart();
    let plan;
    try {
      plan = await this.files.plan(prompts);
    } catch (err) {
      // (no file to play: the caller hears silence, and the call goes on as if it had played)
      this.logger.error({ err, callId: this.media.callId }, 'prompt files could not be prepared');
      plan = { speech: null, hold: prompts.some((p) => p.name === 'hold_music') };
    }
    if (generation !== this.generation) return;
    if (!plan.speech) {
      if (plan.hold) return this.hold(generation);
      return this.hooks.done(playId);
    }
    let ms = plan.speech.durationMs;
    try {
      ms = (await this.media.play(plan.speech.file)) ?? ms;
    } catch (err) {
      this.logger.warn({ err: String(err), callId: this.media.callId }, 'rtpengine did not play a prompt');
    }
    if (generation !== this.generation) return;
    const hold = plan.hold;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (generation !== this.generation) return;
      if (hold) this.hooks.later(() => this.hold(generation));
      else this.hooks.done(playId);
    }, ms + END_MARGIN_MS);
    this.timer.unref();
  }

  /** Silence: whatever plays stops. */
  async stop(): Promise<void> {
    this.restart();
    try {
      await this.media.stop();
    } catch (err) {
      this.logger.warn({ err: String(err), callId: this.media.callId }, 'rtpengine did not stop a prompt');
    }
  }

  /** The call is over: nothing more is played or reported. */
  close(): void {
    this.restart();
  }

  private restart(): number {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    return ++this.generation;
  }

  private async hold(generation: number): Promise<void> {
    if (generation !== this.generation) return;
    try {
      await this.media.play(this.files.holdMusic, HOLD_REPEATS);
    } catch (err) {
      this.logger.warn({ err: String(err), callId: this.media.callId }, 'rtpengine did not play hold music');
    }
  }
}
