// `otvet edge`: the SIP edge as one running process. Its data folder locked; the journal, the
// reporter and the decisions stream toward otvet; the record of open calls, and the calls a crashed
// run left open ended before any new one is taken (restart.ts); the operators' credentials
// refreshed for the registrar; rtpengine and its key presses; the SIP stack on the configured
// listeners with requests routed: REGISTER to the registrar, a trunk's INVITE to a configured number
// through admission to a new call with its region's IVR (others 403, unknown numbers 404), OPTIONS
// answered, requests inside a dialog to their leg; /metrics and /healthz. stop() ends the calls and
// closes it all, in order.
import path from 'node:path';
import type { Logger } from '../../platform/logger.ts';
import { DtmfListener } from '../media/dtmf-listener.ts';
import { Rtpengine } from '../media/rtpengine.ts';
import { OtvetApi } from '../otvet/api.ts';
import type { OtvetConnection } from '../otvet/connection.ts';
import { DecisionsClient } from '../otvet/decisions.ts';
import { Journal } from '../otvet/journal.ts';
import { Reporter } from '../otvet/reporter.ts';
import { DigestServer } from '../sip/digest.ts';
import type { Peer, SipRequest } from '../sip/message.ts';
import { SipStack } from '../sip/stack.ts';
import type { ServerInviteTransaction } from '../sip/transactions/server-invite.ts';
import { reply, UserAgentCore } from '../sip/ua-core.ts';
import { Admission } from './admission.ts';
import { DEFAULT_TIMING } from './call-inputs.ts';
import { CallerLeg } from './caller-leg.ts';
import type { EdgeConfig } from './config.ts';
import { CredentialsCache } from './credentials.ts';
import { digestKey, lockDataDir } from './data-dir.ts';
import { startEdgeHttp } from './edge-http.ts';
import { MenuCache } from './menus.ts';
import { createEdgeMetrics } from './metrics.ts';
import { OpenCalls } from './open-calls.ts';
import { PhoneAuth } from './phone-auth.ts';
import { PromptFiles } from './prompt-files.ts';
import { Registrar } from './registrar.ts';
import { endLeftOverCalls } from './restart.ts';
import { CallRunner } from './runner.ts';
import { routeInvite } from './trunk-routing.ts';

export interface EdgeOptions {
  /** The committed prompts by default (rtpengine must be able to read them). */
  promptsDir?: string;
}

export interface RunningEdge {
  /** Where SIP listens, per transport (ports as bound: 0 in the configuration picks a free one). */
  sip: Peer[];
  /** The /metrics and /healthz server. */
  httpUrl: string;
  runner: CallRunner;
  registrar: Registrar;
  reporter: Reporter;
  stop(): Promise<void>;
}

export async function startEdge(config: EdgeConfig, logger: Logger, options: EdgeOptions = {}): Promise<RunningEdge> {
  const closers: (() => unknown)[] = [];
  const closeAll = async () => {
    for (const close of closers.splice(0).reverse()) {
      try {
        await close();
      } catch (err) {
        logger.warn({ err: String(err) }, 'the edge did not close cleanly');
      }
    }
  };
  try {
    const lock = lockDataDir(config.dataDir);
    closers.push(() => lock.release());
    const connection: OtvetConnection = { baseUrl: config.otvet.url, token: config.otvet.token };
    const api = new OtvetApi(connection);

    const journal = await Journal.open(config.dataDir, { logger });
    closers.push(() => journal.close());
    if (journal.recovered.pending) logger.info({ pending: journal.recovered.pending }, 'events from before the restart are sent again');
    const reporter = new Reporter({ connection, journal, logger });
    closers.push(() => reporter.stop());
    const openCalls = await OpenCalls.open(config.dataDir, { logger });
    closers.push(() => openCalls.close());

    const credentials = new CredentialsCache({ fetch: (since) => api.sipCredentials(since), logger });
    closers.push(() => credentials.stop());

    const rtpengine = await Rtpengine.open({ host: config.rtpengine.host, port: config.rtpengine.port });
    closers.push(() => rtpengine.close());
    const prompts = await PromptFiles.open({ cacheDir: path.join(config.dataDir, 'prompts'), promptsDir: options.promptsDir, logger });
    const menus = new MenuCache({ fetch: (region) => api.ivrMenu(region), prompts, logger });
    closers.push(() => menus.stop());

    const { udp, tcp, ws } = config.listen;
    const host = (udp ?? tcp ?? ws)!.host;
    const stack = await SipStack.listen({ host, advertisedHost: config.publicHost, udp: udp?.port, tcp: tcp?.port, ws: ws?.port });
    closers.push(() => stack.close());
    const ua = new UserAgentCore(stack);
    // (before any call is taken: INVITEs meanwhile find no handler and get 503)
    await endLeftOverCalls({ openCalls, reporter, rtpengine, stack, logger });
    const registrar = new Registrar({ auth: new PhoneAuth(new DigestServer({ realm: config.sipRealm, key: digestKey(config.dataDir) }), credentials) });
    closers.push(() => registrar.close());
    const admission = new Admission(config.limits);

    const runner = new CallRunner({
      rtpengine,
      prompts,
      reporter,
      openCalls,
      api,
      ua,
      contactsOf: (username) => registrar.contactsOf(username),
      publicHost: config.publicHost,
      timing: { ...DEFAULT_TIMING, announceEverySeconds: config.announceEverySeconds },
      logger,
    });
    // (after the calls end, their last events get a moment to reach otvet; what does not is sent after a restart)
    closers.push(() => Promise.race([reporter.drained(), new Promise((resolve) => setTimeout(resolve, 2000).unref())]));
    closers.push(() => runner.stop());
    const dtmf = await DtmfListener.open({
      host: config.dtmf.host,
      port: config.dtmf.port,
      onEvent: (e) => runner.onDtmf(e),
      onInvalid: (reason) => logger.debug({ reason }, 'a datagram on the DTMF port that is no key press'),
    });
    closers.push(() => dtmf.close());
    const decisions = new DecisionsClient({ connection, dataDir: config.dataDir, logger, onDecision: (d) => runner.onDecision(d) });
    closers.push(() => decisions.stop());

    const metrics = createEdgeMetrics({
      activeCalls: () => runner.active,
      registrations: () => registrar.registeredPhones,
      sip: () => stack.counters,
      reporter: () => reporter.stats(),
      refused: () => admission.refused,
      rtpengine: () => rtpengine.metrics.snapshot(),
    });
    stack.onResponseSent((code) => metrics.responseSent(code));
    const httpServer = await startEdgeHttp(config.metrics, metrics.registry, () => ({
      otvetOnline: reporter.online,
      decisionsConnected: decisions.connected,
      calls: runner.active,
      registrations: registrar.registeredPhones,
    }));
    closers.push(() => httpServer.close());

    ua.handle('REGISTER', (tx, req, source) => registrar.handle(tx, req, source));
    ua.onInvite((tx, invite, source) => {
      metrics.newCall();
      takeInvite(tx, invite, source);
    });
    const takeInvite = (tx: ServerInviteTransaction, invite: SipRequest, source: Peer) => {
      const route = routeInvite(config, invite, source);
      if (!route.ok) {
        logger.info({ status: route.status, from: source.address, transport: source.transport }, 'an INVITE refused');
        return reply(tx, invite, route.status, route.reason);
      }
      const leg = new CallerLeg(ua, tx, invite, source);
      const { region, caller, dialled, callbackVia } = route;
      void runner.incoming({ leg, region, caller, dialled, callbackVia, menu: () => menus.get(region), admission: admission.admit() }).catch((err: unknown) => {
        logger.error({ err }, 'a new call could not be started');
        leg.reject(500, 'Server Internal Error');
      });
    };

    reporter.onOnline((online) => runner.setOnline(online));
    reporter.start();
    // (phones registering at once find the credentials loaded; otvet away: the cache keeps trying)
    await Promise.race([credentials.start(), new Promise((resolve) => setTimeout(resolve, 3000).unref())]);
    menus.start();
    await decisions.start();

    const sip = stack.addresses;
    logger.info(
      { sip: sip.map((a) => `${a.transport}:${a.address}:${a.port}`), http: httpServer.url, rtpengine: `${config.rtpengine.host}:${config.rtpengine.port}`, otvet: config.otvet.url },
      'the SIP edge is ready',
    );
    return { sip, httpUrl: httpServer.url, runner, registrar, reporter, stop: closeAll };
  } catch (err) {
    await closeAll();
    throw err;
  }
}
