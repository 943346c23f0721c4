// The ring of an incoming call: a soft two-tone burst every three seconds, made by WebAudio (no
// sound file to load), on the operator's chosen speaker where the browser can route it.
const PATTERN_MS = 3000;

export class Ringer {
  private ctx: AudioContext | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;

  start(outputId = ''): void {
    this.stop();
    const ctx = new AudioContext();
    this.ctx = ctx;
    const sink = ctx as AudioContext & { setSinkId?: (id: string) => Promise<void> };
    if (outputId && sink.setSinkId) void sink.setSinkId(outputId).catch(() => {});
    const burst = () => {
      const t = ctx.currentTime;
      const gain = ctx.createGain();
      gain.connect(ctx.destination);
      gain.gain.setValueAtTime(0, t);
      for (let i = 0; i < 2; i++) {
        // (ramps, not steps: a step clicks)
        gain.gain.linearRampToValueAtTime(0.15, t + i * 0.5 + 0.02);
        gain.gain.setValueAtTime(0.15, t + i * 0.5 + 0.38);
        gain.gain.linearRampToValueAtTime(0, t + i * 0.5 + 0.4);
      }
      for (const f of [440, 480]) {
        const o = ctx.createOscillator();
        o.frequency.value = f;
        o.connect(gain);
        o.start(t);
        o.stop(t + 1);
      }
    };
    burst();
    this.timer = setInterval(burst, PATTERN_MS);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    void this.ctx?.close().catch(() => {});
    this.ctx = undefined;
  }
}
