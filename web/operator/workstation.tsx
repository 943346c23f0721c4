// The operator's screen: their state, the call ringing or in progress with the answer pane beside
// it, then the wrap-up; kept live by the operator's feed and the knowledge base's.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { get, post } from '../shared/api.ts';
import { openFeed, type LiveState } from '../shared/live.ts';
import { Header } from '../shared/login.tsx';
import type { User } from '../shared/session.ts';
import { AnswersPane, type Used } from './answers.tsx';
import { AppealDone } from './appeal-done.tsx';
import { AppealForm, type Filed } from './appeal-form.tsx';
import { forget, remember, remembered } from './kept.ts';
import { CallCard } from './call-card.tsx';
import { Phone, type PhoneView, type SipSession } from './phone.ts';
import { PhonePanel } from './phone-panel.tsx';
import { TransferForm } from './transfer.tsx';
import { initialTopics, type Agent, type Call, type PreviousCall } from './model.ts';
import { BreakMenu } from './break-menu.tsx';
import { LostBanner, useLost } from './connection.tsx';
import { IdleCard } from './idle-card.tsx';
import { askNotifications, useRingAlert } from './ring-alert.ts';
import { SeatBar } from './seat-bar.tsx';
import { useDeskKeys } from './keys.ts';
import { t } from './strings.ts';
import { WrapUpForm, type WrapUpValue } from './wrap-up.tsx';
import { NavigatorPanel, nt } from './navigator-panel.tsx';

const ACTIVE = ['ringing', 'talking', 'wrap_up', 'ended'];
/** An appeal is taken while talking, and in wrap-up (callers often ask at the end). */
const APPEAL_STATES = ['talking', 'wrap_up', 'ended'];

// what the operator's feed sends (GET /api/v1/agent/events): the seat's state, a call offered, a call's state
interface OperatorEvents {
  state: Partial<Agent>;
  offer: Call;
  call: Pick<Call, 'callId' | 'state'>;
  /** every half second: silence means the line is gone, though nothing said so */
  ping: unknown;
}

/**
 * Silence on the feed after which the line counts as lost: it pings every 0.5 s, and the watchdog
 * looks every 0.2 s, so a silent line is said within 2.4 s; a server held up by its database for a
 * moment (up to 1.7 s) is not taken for a lost line.
 */
const SILENT_AFTER_MS = 2200;

/** The appeal form open for a call, or an appeal just registered (its code on screen until closed). */
type AppealPane = { callId: string; filed: Filed | null } | null;

/** A SIP credential for this sign-in; null when otvet has no browser phone (throws on any other failure: the phone tries again). */
async function sipSession(): Promise<SipSession | null> {
  const r = await post('/api/v1/agent/sip-session');
  if (r.ok) return r.body;
  if (r.code === 'sip_session.unavailable') return null;
  throw new Error(r.message);
}

/** How long an Answer pressed before the phone rang waits for it, before answering through the API. */
const EARLY_ANSWER_MS = 2000;

export function Workstation({ user }: { user: User }) {
  const [agent, setAgent] = useState<Agent | null>(null);
  const [call, setCall] = useState<Call | null>(null);
  const [previous, setPrevious] = useState<PreviousCall[] | null>(null);
  const [used, setUsed] = useState<Used[]>([]);
  const [sections, setSections] = useState<string[]>([]);
  const [regions, setRegions] = useState<Record<string, string>>({});
  const [live, setLive] = useState<LiveState>('connecting');
  const [now, setNow] = useState(Date.now());
  const [notice, setNotice] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [changed, setChanged] = useState<{ slug: string; kind: string; n: number } | null>(null);
  const [kbUpdates, setKbUpdates] = useState(0);
  const [focusKey, setFocusKey] = useState(0);
  const [choosingBreak, setChoosingBreak] = useState(false);
  // calls left this seat: the idle screen's figures are read again after each
  const [callsDone, setCallsDone] = useState(0);
  const lost = useLost(live);
  const phone = useMemo(() => {
    const audio = new Audio();
    audio.autoplay = true;
    return new Phone({ credential: sipSession, audio });
  }, []);
  const [phoneView, setPhoneView] = useState<PhoneView>(phone.view);
  const [transferring, setTransferring] = useState<string | null>(null);
  const [appeal, setAppeal] = useState<AppealPane>(null);
  const [appeals, setAppeals] = useState<string[]>([]);
  // (the form belongs to its call: gone with it, unless the call is still on this seat)
  const appealFormOpen = !!appeal && !appeal.filed && !!call && ACTIVE.includes(call.state) && appeal.callId === call.callId;
  const appealPaneOpen = appealFormOpen || !!appeal?.filed;
  const early = useRef<{ callId: string; timer: ReturnType<typeof setTimeout> } | null>(null);

  // the seat as the server has it; a call on it that this screen has not shown (an offer made
  // while the feed was reconnecting) is shown now
  const refreshAgent = async () => {
    const r = await get('/api/v1/agent');
    if (!r.ok) return setError(r.message);
    setAgent(r.body);
    const callId = r.body.callId;
    if (callId && callId !== current.current) void get('/api/v1/calls/{callId}', { path: { callId } }).then((c) => c.ok && offer(c.body));
  };
  const loadCall = async (callId: string) => {
    const r = await get('/api/v1/calls/{callId}', { path: { callId } });
    // an answer that comes back after the call was wrapped up must not bring its card back
    if (r.ok) setCall((cur) => (cur && cur.callId === callId ? r.body : cur));
  };
  const current = useRef<string | null>(null);
  const offer = (c: Call) => {
    setCall(c);
    // the same call offered again (a feed reconnecting, a decision delivered twice): keep what was done
    if (current.current === c.callId) return;
    current.current = c.callId;
    setUsed(remembered('used', c.callId));
    setAppeals(remembered('appeals', c.callId));
    setNotice('');
    setPrevious(null);
    void get('/api/v1/calls/{callId}/caller-history', { path: { callId: c.callId } }).then((r) => setPrevious(r.ok ? r.body.items : []));
  };

  // the marks survive a reload of the page during the call
  useEffect(() => {
    if (current.current) remember('used', current.current, used);
  }, [used]);
  useEffect(() => {
    if (current.current) remember('appeals', current.current, appeals);
  }, [appeals]);

  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 1000);
    void refreshAgent();
    void get('/api/v1/kb/sections').then((r) => r.ok && setSections(r.body.items.map((s) => s.name)));
    void get('/api/v1/regions').then((r) => r.ok && setRegions(Object.fromEntries(r.body.items.map((x) => [x.code, x.name]))));
    const feed = openFeed<OperatorEvents>(
      '/api/v1/agent/events',
      {
        state: (d) => {
          setAgent((a) => ({ ...(a ?? ({} as Agent)), ...d }));
          // the event says the state; the seat says since when and why
          void refreshAgent();
        },
        offer,
        call: (c) => {
          setCall((cur) => {
            if (cur && cur.callId === c.callId) void loadCall(c.callId);
            return cur && cur.callId === c.callId ? { ...cur, state: c.state } : cur;
          });
        },
        ping: () => {},
      },
      setLive,
      { silentAfterMs: SILENT_AFTER_MS },
    );
    const kb = (kind: string) => (d: { slug: string }) => {
      setChanged((x) => ({ slug: d.slug, kind, n: (x?.n ?? 0) + 1 }));
      setKbUpdates((n) => n + 1);
    };
    const kbFeed = openFeed('/api/v1/kb/events', { 'kb.answer.published': kb('published'), 'kb.answer.archived': kb('archived') }, () => {});
    return () => {
      clearInterval(tick);
      feed.close();
      kbFeed.close();
    };
  }, []);

  useEffect(() => {
    const off = phone.subscribe(setPhoneView);
    // (the page's shell says whether otvet has a browser phone: without one, nothing is asked for)
    if (document.querySelector('meta[name="otvet-phone"]')?.getAttribute('content') === '1') void phone.start();
    // leaving the page unregisters at once, rather than leaving the edge ringing a closed tab
    const leave = () => phone.stop();
    addEventListener('pagehide', leave);
    return () => {
      off();
      removeEventListener('pagehide', leave);
      phone.stop();
    };
  }, [phone]);

  // the phone in use but no microphone: no calls are offered (the seat goes offline, "ready" waits)
  const phoneInUse = phoneView.status !== 'off' && phoneView.status !== 'unavailable';
  const micBlocked = phoneInUse && (phoneView.mic === 'refused' || phoneView.mic === 'missing');
  useEffect(() => {
    if (micBlocked && agent?.state === 'ready') void setState('offline');
  }, [micBlocked, agent?.state]);

  // an Answer pressed a moment before the phone rang is carried out when it rings
  useEffect(() => {
    const e = early.current;
    if (e && phone.has(e.callId) && phoneView.call?.state === 'ringing') {
      clearTimeout(e.timer);
      early.current = null;
      phone.answer();
    }
  }, [phoneView]);

  const act = async (fn: () => Promise<{ ok: boolean; message?: string }>) => {
    setBusy(true);
    const r = await fn();
    setBusy(false);
    setError(r.ok ? '' : (r.message ?? ''));
  };
  const setState = (state: 'ready' | 'break' | 'offline', reason?: string) => {
    setChoosingBreak(false);
    // (going ready is the moment to ask: a call will ring, perhaps while the tab is in the background)
    if (state === 'ready') askNotifications();
    return act(async () => {
      const r = await post('/api/v1/agent/state', { body: { state, ...(reason ? { reason } : {}) } });
      if (r.ok) setAgent(r.body);
      return r;
    });
  };
  const canBreak = agent?.state !== 'break' && !agent?.breakAfter;
  // the call's card is read again at once, not only when the feed brings the change
  const callAction = (what: 'answer' | 'hangup') =>
    call &&
    act(async () => {
      const r = await post(what === 'answer' ? '/api/v1/agent/calls/{callId}/answer' : '/api/v1/agent/calls/{callId}/hangup', { path: { callId: call.callId } });
      if (r.ok) await loadCall(call.callId);
      return r;
    });
  const answer = () => {
    // the phone may ring a moment before the call's card arrives (the edge hears the ACD first): F4 answers it
    if (phoneView.call?.state === 'ringing' && (!call || call.callId === phoneView.call.callId)) return phone.answer();
    if (!call) return;
    if (phone.has(call.callId)) return phone.answer();
    if (phoneView.status === 'registered' && !early.current) {
      const callId = call.callId;
      early.current = { callId, timer: setTimeout(() => ((early.current = null), void callAction('answer')), EARLY_ANSWER_MS) };
      return;
    }
    return callAction('answer');
  };
  const hangup = () => {
    if (call && phone.has(call.callId)) return phone.hangup();
    return callAction('hangup');
  };
  /** The call has left this seat (wrapped up, passed on): its card, its marks and its line's figures go with it. */
  const leaveCall = (callId: string, notice: string) => {
    phone.dropQuality(callId);
    forget(callId);
    current.current = null;
    setCall(null);
    setUsed([]);
    setAppeals([]);
    setNavOpen(false);
    setMeasures([]);
    // (an appeal's code stays on screen until the operator closes it or wraps the call up)
    setAppeal((a) => (a?.filed ? a : null));
    setNotice(notice);
    setCallsDone((n) => n + 1);
    return refreshAgent();
  };
  // the navigator's panel and the measures it found eligible, sent with the wrap-up
  const [navOpen, setNavOpen] = useState(false);
  const [measures, setMeasures] = useState<string[]>([]);
  const [openSlug, setOpenSlug] = useState<{ slug: string; n: number } | null>(null);
  const wrapUp = async (w: WrapUpValue) => {
    if (!call) return null;
    if (appealFormOpen) return t.appeal.finishFirst;
    // (kept until the wrap-up is taken: a refused one sent again still carries them)
    const quality = phone.view.quality[call.callId];
    const r = await post('/api/v1/agent/calls/{callId}/wrap-up', { path: { callId: call.callId }, body: { ...w, ...(measures.length ? { measures } : {}), ...(quality ? { quality } : {}) } });
    if (!r.ok) return r.message;
    await leaveCall(call.callId, t.done);
    setAppeal(null);
    return null;
  };
  // F10 or the card's button: the form for this call; an appeal's code on screen is read out first
  const openAppeal = () => {
    if (!call || !APPEAL_STATES.includes(call.state)) return;
    if (appeal?.filed || appeal?.callId === call.callId) {
      document.querySelector<HTMLElement>('.appeal-form select, .appeal-done h2')?.focus();
      return;
    }
    setAppeal({ callId: call.callId, filed: null });
  };
  const filed = (f: Filed) => {
    if (!call) return;
    // (the same appeal filed again is a duplicate without its code: the code on screen stays)
    setAppeal((a) => (a?.filed?.number === f.number && a.filed.code ? a : { callId: call.callId, filed: f }));
    setAppeals((x) => (x.includes(f.number) ? x : [...x, f.number]));
  };

  const onCall = !!call && ACTIVE.includes(call.state);
  const ringingHere = call?.state === 'ringing' || phoneView.call?.state === 'ringing';
  // (the phone's keys read the phone as it is now: this render may be behind a quick second press)
  const phoneTalking = () => phone.view.call?.state === 'talking';
  useDeskKeys({
    // (out of reach of the server, the keys that need it do nothing: the banner says why)
    ...(!lost && {
      ...((onCall ? agent?.breakAfter : agent?.state !== 'ready' && !micBlocked) && { F2: () => void setState('ready') }),
      ...(canBreak && { F3: () => setChoosingBreak(true) }),
      ...(ringingHere && { F4: () => void answer() }),
      ...(call?.state === 'talking' && { F8: () => void hangup(), F9: () => setTransferring(call.callId) }),
    }),
    // (the browser phone rings without the server: a caller on the line is answered all the same)
    ...(lost && phoneView.call?.state === 'ringing' && { F4: () => phone.answer() }),
    F10: openAppeal,
    ...(call && APPEAL_STATES.includes(call.state) && { 'Alt+N': () => setNavOpen((o) => !o) }),
    F6: () => phoneTalking() && phone.toggle('muted'),
    F7: () => phoneTalking() && phone.toggle('held'),
    ...(!appealPaneOpen && {
      '/': () => {
        // focused at once, so that the keys typed next land in the box
        document.querySelector<HTMLInputElement>('.answers input[type=search]')?.focus();
        setFocusKey((k) => k + 1);
      },
    }),
  });

  const state = agent?.state ?? 'offline';
  useRingAlert(call?.state === 'ringing' ? call : null);
  const shown = call && ACTIVE.includes(call.state) ? call : null;
  const wrapping = shown && (shown.state === 'wrap_up' || shown.state === 'ended');
  const region = shown?.region ?? user.region;
  return (
    <>
      <Header title={t.title} user={user}>
        <SeatBar
          agent={agent}
          now={now}
          onCall={!!shown}
          disabled={busy || lost}
          micBlocked={micBlocked}
          live={lost ? 'lost' : live}
          onReady={() => void setState('ready')}
          onBreak={() => setChoosingBreak(true)}
          onOffline={() => void setState('offline')}
        />
      </Header>
      {lost && <LostBanner />}
      <main class={lost ? 'desk lost' : 'desk'}>
        {/* (the bar shows the app's name; the page's outline needs it as its heading too) */}
        <h1 class="sr-only">{t.title}</h1>
        <div class="left">
          {choosingBreak && canBreak && <BreakMenu onChoose={(reason) => void setState('break', reason)} onClose={() => setChoosingBreak(false)} />}
          {error && (
            <p class="error" role="alert">
              {error}
            </p>
          )}
          <PhonePanel phone={phone} view={phoneView} />
          {notice && !shown && <p class="notice">{notice}</p>}
          {kbUpdates > 0 && <p class="muted">{t.kbChanged(kbUpdates)}</p>}
          {shown ? (
            <CallCard
              call={shown}
              regionName={regions[shown.region ?? ''] ?? ''}
              previous={previous}
              now={now}
              onAnswer={() => void answer()}
              onHangup={() => void hangup()}
              onTransfer={() => setTransferring(shown.callId)}
              onAppeal={openAppeal}
              busy={busy || lost}
            />
          ) : (
            <IdleCard state={state} calls={callsDone} />
          )}
          {shown && shown.state === 'talking' && transferring === shown.callId && (
            <TransferForm
              callId={shown.callId}
              regionName={(code) => regions[code] ?? ''}
              onCancel={() => setTransferring(null)}
              onDone={(to) => {
                setTransferring(null);
                void leaveCall(shown.callId, t.transfer.done(to));
              }}
            />
          )}
          {wrapping && (
            <WrapUpForm
              key={shown.callId}
              sections={sections}
              initialTopics={initialTopics(
                shown,
                used.map((u) => u.section),
              )}
              used={used}
              appeals={appeals}
              endedAt={shown.endedAt}
              now={now}
              lost={lost}
              onSubmit={wrapUp}
            />
          )}
          <p class="keys muted">
            {t.keys}: <kbd>F2</kbd> {t.goReady} · <kbd>F3</kbd> {t.goBreak} · <kbd>F4</kbd> {t.answer} · <kbd>F8</kbd> {t.hangup} · <kbd>F9</kbd> {t.transfer.button} · <kbd>F10</kbd> {t.appeal.button}{' '}
            · <kbd>{nt.key}</kbd> {nt.title} ·{' '}
            {phoneInUse && (
              <>
                <kbd>F6</kbd> {t.phone.mute} · <kbd>F7</kbd> {t.phone.hold} ·{' '}
              </>
            )}{' '}
            <kbd>/</kbd> {t.search} · <kbd>↑↓ Enter</kbd> · <kbd>M</kbd> {t.markUsedLong} · <kbd>Esc</kbd> {t.backShort} · <kbd>Ctrl+Enter</kbd> {t.submit}
          </p>
        </div>
        {/* the appeal takes the answers' place while it is open: the form needs the room */}
        <div class="right">
          {appealFormOpen && shown && (
            <AppealForm callId={shown.callId} region={shown.region ?? (user.region === 'federal' ? '' : user.region)} regions={regions} onFiled={filed} onClose={() => setAppeal(null)} />
          )}
          {navOpen && shown && (
            <NavigatorPanel key={shown.callId} onFound={setMeasures} onClose={() => setNavOpen(false)} onOpenAnswer={(slug) => setOpenSlug((o) => ({ slug, n: (o?.n ?? 0) + 1 }))} />
          )}
          {appeal?.filed && <AppealDone filed={appeal.filed} onClose={() => setAppeal(null)} />}
          <div hidden={appealPaneOpen}>
            <AnswersPane
              key={shown?.callId ?? 'none'}
              region={region}
              topic={shown?.topic ?? null}
              used={used}
              onToggleUsed={(u) => setUsed((x) => (x.some((y) => y.slug === u.slug) ? x.filter((y) => y.slug !== u.slug) : [...x, u]))}
              changed={changed}
              focusKey={focusKey}
              openSlug={openSlug}
            />
          </div>
        </div>
      </main>
    </>
  );
}
