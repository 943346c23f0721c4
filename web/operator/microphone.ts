// The operator's microphone, open for the whole sign-in (the level meter shows it works before any
// call, and a call needs no second permission prompt): the device chosen, its input level, and the
// audio devices there are once the browser has granted it.

/** Not asked yet, working, refused by the person or the browser, or none there. */
export type MicState = 'unknown' | 'ok' | 'refused' | 'missing';

export interface MicOpened {
  state: MicState;
  inputs: MediaDeviceInfo[];
  outputs: MediaDeviceInfo[];
}

export class Microphone {
  stream: MediaStream | undefined;
  private meter: { ctx: AudioContext; analyser: AnalyserNode; data: Float32Array<ArrayBuffer> } | undefined;

  /**
   * Opens the device (the browser's default for ''). `moved` is given the new stream before the old
   * one stops, so a call in progress carries on with it.
   */
  async open(deviceId: string, moved?: (stream: MediaStream) => Promise<void>): Promise<MicOpened> {
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: deviceId ? { deviceId: { ideal: deviceId } } : true, video: false });
    } catch (e) {
      const name = (e as DOMException).name;
      return { state: name === 'NotFoundError' || name === 'OverconstrainedError' ? 'missing' : 'refused', inputs: [], outputs: [] };
    }
    const old = this.stream;
    this.stream = stream;
    await moved?.(stream).catch(() => {});
    old?.getTracks().forEach((t) => t.stop());
    this.startMeter(stream);
    const devices = await navigator.mediaDevices.enumerateDevices().catch(() => []);
    return { state: 'ok', inputs: devices.filter((d) => d.kind === 'audioinput'), outputs: devices.filter((d) => d.kind === 'audiooutput') };
  }

  /** Input level now, 0–1 (RMS, scaled so that speech fills most of the meter). */
  level(): number {
    const m = this.meter;
    if (!m) return 0;
    m.analyser.getFloatTimeDomainData(m.data);
    let sum = 0;
    for (const x of m.data) sum += x * x;
    return Math.min(1, Math.sqrt(sum / m.data.length) * 4);
  }

  /** On again after a call (JsSIP mutes the stream it was given for hold and mute). */
  unmute(): void {
    this.stream?.getAudioTracks().forEach((t) => (t.enabled = true));
  }

  close(): void {
    this.stream?.getTracks().forEach((t) => t.stop());
    this.stream = undefined;
    void this.meter?.ctx.close();
    this.meter = undefined;
  }

  private startMeter(stream: MediaStream): void {
    void this.meter?.ctx.close();
    const ctx = new AudioContext();
    const analyser = ctx.createAnalyser();
    analyser.fftSize = 1024;
    ctx.createMediaStreamSource(stream).connect(analyser);
    this.meter = { ctx, analyser, data: new Float32Array(analyser.fftSize) };
  }
}
