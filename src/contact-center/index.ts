// The contact-centre module's public face.
import type { AuditService } from '../platform/audit/service.ts';
import type { AccountsWatch } from '../platform/auth/accounts-watch.ts';
import type { SessionDirectory } from '../platform/auth/session-directory.ts';
import { Directory } from '../platform/auth/directory.ts';
import type { Db } from '../platform/db/database.ts';
import { Fanout } from '../platform/events/fanout.ts';
import type { App } from '../platform/http/types.ts';
import type { Logger } from '../platform/logger.ts';
import type { AnswersService } from '../knowledge/index.ts';
import { Acd, type Clock } from './acd/acd.ts';
import { agentDeskRoutes } from './agent-desk-routes.ts';
import { AgentDeskService } from './agent-desk-service.ts';
import { AgentsService } from './agents-service.ts';
import { CallEventsRecorder } from './call-events.ts';
import { CallsService } from './calls-service.ts';
import { CallSources } from './call-sources.ts';
import type { LiveEvent } from './events.ts';
import { IvrMenuService } from './ivr-menu-service.ts';
import { ivrMenuRoutes } from './ivr-menu-routes.ts';
import { liveFeeds } from './live-feeds.ts';
import { Queues } from './queues.ts';
import { queuesRoutes } from './queues-routes.ts';
import { contactCenterRoutes } from './routes.ts';
import { SipCredentialsService } from './sip-credentials-service.ts';
import { sipCredentialsRoutes } from './sip-credentials-routes.ts';
import { SipSessionService } from './sip-session-service.ts';
import { sipSessionRoutes } from './sip-session-routes.ts';
import { transferRoutes } from './transfer-routes.ts';
import { SupervisorService, type RegionNorms } from './supervisor-service.ts';
import { TelephonyService } from './telephony-service.ts';
import { TestCalls } from './test-call.ts';
import { testCallRoutes } from './test-call-routes.ts';
import { waitRoutes } from './wait-routes.ts';
import { WaitService } from './wait-service.ts';
import { measuresOnCalls, type MeasuresSpan } from './measures-queries.ts';

export type { Decision, CallsChanged, ContactCenterTopics } from './events.ts';
export { subscribeContactCenter } from './subscribe.ts';
export type { Clock } from './acd/acd.ts';
export type { CallFacts, ChangeFacts, MoveFacts } from './change-facts.ts';
export type { CallRecord } from './call-fold.ts';
export type { MeasuresSpan } from './measures-queries.ts';

export interface ContactCenterOptions {
  db: Db;
  log: Logger;
  audit: AuditService;
  secretKey: Buffer;
  /** Tells when an account changed: the names and disabled flags kept here are read again. */
  accounts: AccountsWatch;
  normsOf: (region: string) => Promise<RegionNorms>;
  /** The knowledge base's sections, which IVR menu items name. */
  knowledge: Pick<AnswersService, 'sections'>;
  /** The SIP digest realm operators' SIP passwords are hashed for (SIP_REALM). */
  sipRealm: string;
  /** The SIP edge's WebSocket address for the workstation's browser phone (SIP_WS_URL); unset: none. */
  sipWsUrl?: string;
  /** Which web sessions are live: the browser phone's credentials end with theirs. */
  sessions: SessionDirectory;
  clock?: Clock;
  /** Whether the navigator's catalogue has a support measure: the wrap-up's measures are checked with it. */
  measureExists?: (id: string) => boolean;
}

export function createContactCenter(o: ContactCenterOptions) {
  const queues = new Queues(o.db);
  const directory = new Directory(o.db);
  o.accounts.onChange(() => directory.forget());
  const recorder = new CallEventsRecorder(o.db, queues);
  // (the reserve centre keeps Moscow's time)
  const timezoneOf = async (region: string) => (await o.normsOf(region === 'federal' ? '77' : region)).timezone;
  const agents = new AgentsService(o.db, o.audit, recorder, directory, timezoneOf, o.clock, o.measureExists);
  const calls = new CallsService(o.db, o.audit, queues, directory);
  return {
    queues,
    recorder,
    sources: new CallSources(o.db, recorder),
    agents,
    calls,
    telephony: new TelephonyService(o.db, recorder, queues, directory, o.secretKey),
    supervisor: new SupervisorService(o.db, queues, agents, calls, o.normsOf, directory, o.clock),
    acd: new Acd(o.db, o.log, recorder, queues, directory, o.clock),
    sipCredentials: new SipCredentialsService(o.db, o.audit, directory, o.sipRealm, o.sessions),
    sipSessions: new SipSessionService(o.db, o.audit, o.sessions, o.sipRealm, o.sipWsUrl),
    ivrMenus: new IvrMenuService(o.db, o.audit, queues, o.knowledge),
    waits: new WaitService(o.db),
    /** Per region and measure, the calls whose wrap-up recorded it (the navigator's reports): counts only. */
    measuresOnCalls: (s: MeasuresSpan) => measuresOnCalls(o.db, s),
    /** Decisions and changes heard on the bus, for the live streams (fed by subscribeContactCenter). */
    live: new Fanout<LiveEvent>(),
    /** The operator's own desk: their day's figures, their ring's seconds left, a topic's most used answers. */
    desk: new AgentDeskService(o.db, queues, timezoneOf, o.clock ?? (() => new Date())),
  };
}

export type ContactCenter = ReturnType<typeof createContactCenter>;

/** demo: serve --demo, where an operator may ring themselves a test call. */
export function contactCenterRoutesAll(app: App, cc: ContactCenter, deps: { db: Db; audit: AuditService; demo?: boolean }) {
  contactCenterRoutes(app, cc);
  queuesRoutes(app, { queues: cc.queues, db: deps.db, audit: deps.audit });
  sipCredentialsRoutes(app, cc);
  sipSessionRoutes(app, cc);
  transferRoutes(app, cc);
  ivrMenuRoutes(app, cc);
  waitRoutes(app, cc);
  agentDeskRoutes(app, cc);
  testCallRoutes(app, { testCalls: new TestCalls(deps.db, cc.telephony, cc.queues, app.log, deps.demo ?? false) });
  liveFeeds(app, { live: cc.live, db: deps.db, agents: cc.agents, calls: cc.calls, supervisor: cc.supervisor, recorder: cc.recorder });
}
