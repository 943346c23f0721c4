// The workstation's phone (ADR 0015): JsSIP registered to the SIP edge over WebSocket with a
// credential otvet issues for this sign-in, audio by WebRTC. It rings for the call the workstation
// shows (the edge's INVITE names it in X-Otvet-Call), answers, hangs up, mutes and holds, keeps the
// microphone open for the level meter, and reads the line's figures during a call for the wrap-up.
// It re-registers by itself when the edge comes back (JsSIP reconnects the socket and registers
// again), and fetches a new credential when the edge refuses the one it has (expired or revoked).
import { UA, WebSocketInterface } from 'jssip';
import type { RTCSession } from 'jssip/lib/RTCSession.js';
import type { IncomingRTCSessionEvent, OutgoingRTCSessionEvent, UnRegisteredEvent as RegistrationFailedEvent } from 'jssip/lib/UA.js';
import type { Schema } from '../shared/api-types.ts';
import { callQuality, sampleOf, type CallQuality, type StatsSample } from './call-quality.ts';
import { Microphone, type MicState } from './microphone.ts';
import { Ringer } from './ringer.ts';

/** What otvet gives for this sign-in (POST /api/v1/agent/sip-session). */
export type SipSession = Schema<'SipSession'>;

/**
 * off: not started or stopped; unavailable: otvet has no browser phone (no edge address configured);
 * connecting: first registration under way; registered; lost: the edge went away, reconnecting;
 * refused: the edge keeps refusing the credential.
 */
export type PhoneStatus = 'off' | 'unavailable' | 'connecting' | 'registered' | 'lost' | 'refused';

export interface PhoneCall {
  /** otvet's call id (X-Otvet-Call), null when the INVITE did not name one. */
  callId: string | null;
  state: 'ringing' | 'answering' | 'talking' | 'ended';
  muted: boolean;
  held: boolean;
}

export interface PhoneView {
  status: PhoneStatus;
  mic: MicState;
  call: PhoneCall | null;
  inputs: MediaDeviceInfo[];
  outputs: MediaDeviceInfo[];
  inputId: string;
  outputId: string;
  /** The figures of the calls that ended, by call id, until the wrap-up takes them. */
  quality: Record<string, CallQuality>;
}

export interface PhoneOptions {
  /** A credential for this sign-in; null when otvet has no browser phone. */
  credential: () => Promise<SipSession | null>;
  /** Where the other side is heard. */
  audio: HTMLAudioElement;
}

const INPUT_KEY = 'otvet.phone.input';
const OUTPUT_KEY = 'otvet.phone.output';
/** Seconds between statistics readings during a call. */
const STATS_EVERY_MS = 2000;
/** How long a hang-up waits for a hold's re-INVITE to be answered. */
const REOFFER_WAIT_MS = 3000;
/** A refused registration is tried again with a new credential at most this often. */
const RENEW_AFTER_MS = [1000, 3000, 10_000, 30_000];

const stored = (key: string) => {
  try {
    return localStorage.getItem(key) ?? '';
  } catch {
    return '';
  }
};
const store = (key: string, value: string) => {
  try {
    localStorage.setItem(key, value);
  } catch {
    // (the choice lasts as long as the page)
  }
};

export class Phone {
  private v: PhoneView = { status: 'off', mic: 'unknown', call: null, inputs: [], outputs: [], inputId: stored(INPUT_KEY), outputId: stored(OUTPUT_KEY), quality: {} };
  private readonly listeners = new Set<(v: PhoneView) => void>();
  private ua: UA | undefined;
  private session: RTCSession | undefined;
  private readonly mic = new Microphone();
  private stats: { timer: ReturnType<typeof setInterval>; last: StatsSample | undefined; since: number } | undefined;
  private renewals = 0;
  /** A hold or unhold's re-INVITE under way. */
  private reoffer: Promise<void> | undefined;
  /** Hold as the operator last asked for it (the re-INVITEs follow one after the other). */
  private wantHeld: boolean | undefined;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  private readonly ringer = new Ringer();

  constructor(private readonly opts: PhoneOptions) {}

  get view(): PhoneView {
    return this.v;
  }

  subscribe(fn: (v: PhoneView) => void): () => void {
    this.listeners.add(fn);
    fn(this.v);
    return () => this.listeners.delete(fn);
  }

  /**
   * A credential first (otvet may have no browser phone: then the microphone is never asked for),
   * then the microphone (no point ringing a phone that cannot talk), then the registration.
   */
  async start(): Promise<void> {
    this.stopped = false;
    await this.register();
  }

  /** Asks for the microphone again (after the person allowed it), and registers if it now works. */
  async retryMic(): Promise<void> {
    if (!(await this.openMic())) return;
    if (!this.ua) await this.register();
  }

  /** Unregisters and lets go of the microphone (sign-out, leaving the page). */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.retry);
    endSession(this.session);
    this.ua?.stop();
    this.ua = undefined;
    this.ringer.stop();
    this.stopStats();
    this.mic.close();
    this.set({ status: 'off', call: null });
  }

  /** Whether the phone holds this call (ringing or in progress). */
  has(callId: string): boolean {
    return !!this.v.call && this.v.call.callId === callId && this.v.call.state !== 'ended';
  }

  answer(): void {
    const s = this.session;
    if (!s || this.v.call?.state !== 'ringing') return;
    this.ringer.stop();
    this.setCall({ state: 'answering' });
    // (the edge may have taken the ring back a moment before: then there is nothing to answer)
    if (s.isEnded()) return;
    const stream = this.mic.stream;
    s.answer({ ...(stream ? { mediaStream: stream } : { mediaConstraints: { audio: true, video: false } }), pcConfig: { iceServers: [] } });
  }

  /** Hangs up; after a hold's re-INVITE still under way, once it is answered (a BYE crossing it makes JsSIP fail it and throw). */
  hangup(): void {
    const s = this.session;
    void (this.reoffer ?? Promise.resolve()).then(() => endSession(s));
  }

  setMuted(muted: boolean): void {
    const s = this.session;
    if (!s?.isEstablished()) return;
    if (muted) s.mute({ audio: true });
    else s.unmute({ audio: true });
    this.setCall({ muted });
  }

  /** Mute or hold pressed: the opposite of what the operator last asked for (not of what the screen showed when the key was read). */
  toggle(what: 'muted' | 'held'): void {
    const call = this.v.call;
    if (!call) return;
    if (what === 'muted') this.setMuted(!call.muted);
    else this.setHeld(!(this.wantHeld ?? call.held));
  }

  /** Hold: the edge plays the caller music; the microphone is off meanwhile (a sendonly hold would still send it). */
  setHeld(held: boolean): void {
    const s = this.session;
    if (!s?.isEstablished()) return;
    this.wantHeld = held;
    // (pressed again before the last re-INVITE was answered: JsSIP would refuse it now; it follows)
    if (!this.reoffer) this.applyHold(s);
  }

  /** One hold or unhold toward what the operator last asked for; again after it, if they changed their mind meanwhile. */
  private applyHold(s: RTCSession): void {
    const held = this.wantHeld;
    if (held === undefined || s.isEnded() || held === s.isOnHold().local) return;
    if (held) s.mute({ audio: true });
    let started = false;
    const done = new Promise<void>((resolve) => {
      started = held ? s.hold({}, resolve) : s.unhold({}, resolve);
      // (not started: another re-offer, a session refresh, is under way: try again shortly; a failed one never calls back)
      setTimeout(resolve, started ? REOFFER_WAIT_MS : 500);
    });
    this.reoffer = done;
    void done.then(() => {
      if (this.reoffer !== done) return;
      this.reoffer = undefined;
      if (this.session === s) this.applyHold(s);
    });
    if (started && !held && !this.v.call?.muted) s.unmute({ audio: true });
  }

  /** Input level now, 0–1. */
  level(): number {
    return this.mic.level();
  }

  async chooseInput(deviceId: string): Promise<void> {
    store(INPUT_KEY, deviceId);
    this.set({ inputId: deviceId });
    // a call in progress carries on with the new microphone
    await this.openMic(async (stream) => {
      const track = stream.getAudioTracks()[0];
      const sender = this.session?.connection?.getSenders().find((x: RTCRtpSender) => x.track?.kind === 'audio');
      if (track && sender) await sender.replaceTrack(track);
    });
  }

  async chooseOutput(deviceId: string): Promise<void> {
    store(OUTPUT_KEY, deviceId);
    this.set({ outputId: deviceId });
    await this.applyOutput();
  }

  /** Forgets a call's figures (its wrap-up took them, or it left this seat). */
  dropQuality(callId: string): void {
    if (!(callId in this.v.quality)) return;
    const { [callId]: _, ...rest } = this.v.quality;
    this.set({ quality: rest });
  }

  // --- the microphone ------------------------------------------------------------------------

  private async openMic(moved?: (stream: MediaStream) => Promise<void>): Promise<boolean> {
    const opened = await this.mic.open(this.v.inputId, moved);
    this.set(opened.state === 'ok' ? { mic: 'ok', inputs: opened.inputs, outputs: opened.outputs } : { mic: opened.state });
    return opened.state === 'ok';
  }

  private async applyOutput(): Promise<void> {
    const audio = this.opts.audio as HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> };
    if (this.v.outputId && audio.setSinkId) await audio.setSinkId(this.v.outputId).catch(() => {});
  }

  // --- registration --------------------------------------------------------------------------

  private async register(): Promise<void> {
    let cred: SipSession | null;
    try {
      cred = await this.opts.credential();
    } catch {
      return this.renewLater();
    }
    if (this.stopped) return;
    if (!cred) return this.set({ status: 'unavailable' });
    if (this.v.status === 'off') this.set({ status: 'connecting' });
    if (!this.mic.stream && !(await this.openMic())) return;
    if (this.stopped) return;
    this.ua?.stop();
    const ua = new UA({
      sockets: [new WebSocketInterface(cred.wsUrl)],
      uri: `sip:${cred.operator}@${new URL(cred.wsUrl).hostname}`,
      authorization_user: cred.username,
      password: cred.password,
      realm: cred.realm,
      display_name: cred.operator,
      register: true,
      // the edge's shortest; a phone that vanishes without a word is forgotten soon
      register_expires: 120,
      // back within a few seconds of the edge returning
      connection_recovery_min_interval: 1,
      connection_recovery_max_interval: 4,
      session_timers: true,
      user_agent: 'otvet-workstation',
    });
    this.ua = ua;
    this.set({ status: 'connecting' });
    // (events of a UA replaced since are not this phone's any more)
    ua.on('registered', () => {
      if (this.ua !== ua) return;
      this.renewals = 0;
      this.set({ status: 'registered' });
    });
    ua.on('disconnected', () => this.ua === ua && this.set({ status: this.v.status === 'connecting' ? 'connecting' : 'lost' }));
    ua.on('registrationFailed', (e: RegistrationFailedEvent) => this.ua === ua && this.registrationFailed(ua, e));
    ua.on('newRTCSession', (e: IncomingRTCSessionEvent | OutgoingRTCSessionEvent) => {
      if (this.ua === ua && e.originator === 'remote') this.incoming(e);
    });
    ua.start();
    // a new credential before this one runs out (an operator's shift is shorter than its life)
    const renewIn = Date.parse(cred.expiresAt) - Date.now() - 5 * 60_000;
    clearTimeout(this.retry);
    if (renewIn > 0 && renewIn < 2 ** 31) this.retry = setTimeout(() => this.renewWhenIdle(), renewIn);
  }

  private registrationFailed(ua: UA, e: RegistrationFailedEvent): void {
    const status = e.response?.status_code;
    if (status === 403 || status === 401 || status === 407) {
      // expired or revoked: a new one (otvet refuses when the sign-in itself has ended)
      this.set({ status: 'refused' });
      ua.stop();
      this.ua = undefined;
      this.renewLater();
      return;
    }
    // the edge answered 503 (it cannot read credentials yet) or nothing: the same credential again
    this.set({ status: this.v.status === 'registered' ? 'lost' : this.v.status });
    clearTimeout(this.retry);
    this.retry = setTimeout(() => this.ua === ua && ua.register(), 3000);
  }

  private renewLater(): void {
    if (this.stopped) return;
    const wait = RENEW_AFTER_MS[Math.min(this.renewals++, RENEW_AFTER_MS.length - 1)]!;
    clearTimeout(this.retry);
    this.retry = setTimeout(() => void this.register(), wait);
  }

  private renewWhenIdle(): void {
    if (this.session) {
      this.retry = setTimeout(() => this.renewWhenIdle(), 30_000);
      return;
    }
    void this.register();
  }

  // --- calls ---------------------------------------------------------------------------------

  private incoming(e: IncomingRTCSessionEvent): void {
    const s = e.session;
    // one call at a time: the edge rings one call per operator, a second INVITE is an error
    if (this.session) return endSession(s, { status_code: 486, reason_phrase: 'Busy Here' });
    this.session = s;
    this.wantHeld = undefined;
    this.reoffer = undefined;
    const callId = e.request.getHeader('X-Otvet-Call') || null;
    this.set({ call: { callId, state: 'ringing', muted: false, held: false } });
    this.ringer.start(this.v.outputId);
    s.on('peerconnection', (e: { peerconnection: RTCPeerConnection }) => this.attach(e.peerconnection));
    s.on('confirmed', () => {
      this.setCall({ state: 'talking' });
      this.startStats(s);
    });
    s.on('hold', () => this.setCall({ held: true }));
    s.on('unhold', () => this.setCall({ held: false }));
    const ended = () => {
      if (this.session !== s) return;
      this.ringer.stop();
      const quality = this.stopStats();
      this.session = undefined;
      const call = this.v.call;
      this.set({
        call: call ? { ...call, state: 'ended' } : null,
        ...(quality && call?.callId ? { quality: { ...this.v.quality, [call.callId]: quality } } : {}),
      });
      // (JsSIP mutes the stream it was given; the meter and the next call need it on)
      this.mic.unmute();
    };
    s.on('ended', ended);
    s.on('failed', ended);
  }

  private attach(pc: RTCPeerConnection): void {
    pc.addEventListener('track', (ev) => {
      const audio = this.opts.audio;
      audio.srcObject = ev.streams[0] ?? new MediaStream([ev.track]);
      void this.applyOutput();
      void audio.play().catch(() => {});
    });
  }

  private startStats(s: RTCSession): void {
    this.stopStats();
    const stats: NonNullable<Phone['stats']> = { timer: setInterval(() => void read(), STATS_EVERY_MS), last: undefined, since: Date.now() };
    const read = async () => {
      const pc = s.connection;
      if (!pc || this.stats !== stats) return;
      stats.last = sampleOf(await pc.getStats());
    };
    this.stats = stats;
    void read();
  }

  /** Stops the readings; the call's figures from the last one. */
  private stopStats(): CallQuality | undefined {
    const s = this.stats;
    if (!s) return undefined;
    clearInterval(s.timer);
    this.stats = undefined;
    return s.last ? callQuality(s.last, (Date.now() - s.since) / 1000) : undefined;
  }

  private setCall(patch: Partial<PhoneCall>): void {
    if (this.v.call) this.set({ call: { ...this.v.call, ...patch } });
  }

  private set(patch: Partial<PhoneView>): void {
    this.v = { ...this.v, ...patch };
    for (const fn of this.listeners) fn(this.v);
  }
}

/** Ends a session unless it has ended already (JsSIP throws then: a BYE from the other side may cross the operator's hang-up). */
function endSession(s: RTCSession | undefined, options?: Parameters<RTCSession['terminate']>[0]): void {
  if (!s || s.isEnded()) return;
  s.terminate(options);
}
