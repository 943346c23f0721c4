// The whole access policy in one table: which roles may do what. Region scope is checked
// separately by authorize(): a regional user only ever touches their own region.
import type { Role } from './principal.ts';

export const permissions = {
  // platform
  'users.read': ['admin'],
  'users.manage': ['admin'],
  'tokens.manage': ['admin'],
  'audit.read': ['admin'],
  'metrics.read': ['coordinator', 'admin'],
  // regions
  'regions.settings.read': ['operator', 'supervisor', 'editor', 'coordinator', 'agency_officer', 'admin'],
  'regions.settings.write': ['coordinator', 'admin'],
  'regions.import': ['admin'],
  // knowledge
  'kb.write': ['editor'],
  'kb.review': ['editor', 'coordinator'],
  'kb.archive': ['editor', 'coordinator'],
  'kb.read_drafts': ['editor', 'coordinator'],
  'kb.import': ['editor', 'admin'],
  'kb.synonyms.write': ['editor'],
  'kb.stats.read': ['editor', 'coordinator'],
  'kb.feedback': ['operator', 'supervisor', 'editor', 'coordinator'],
  // portal: how often answers are read and found helpful
  'portal.views.read': ['editor', 'coordinator'],
  // contact centre
  'telephony.events': ['admin'],
  'telephony.decisions': ['admin'],
  // what a SIP edge reads besides calls: its registrar's credentials, callers' waits, the IVR menu (staff see it too)
  'telephony.sip_credentials': ['admin'],
  'telephony.wait': ['admin'],
  'telephony.ivr_menu': ['operator', 'supervisor', 'editor', 'coordinator', 'admin'],
  // changes no telephony-scoped token may make (its prefix is not "telephony")
  'ivr_menu.write': ['admin'],
  'agents.sip_password': ['admin'],
  'agent.work': ['operator', 'supervisor'],
  'agents.manage': ['supervisor', 'admin'],
  'calls.read': ['operator', 'supervisor', 'coordinator', 'admin'],
  'calls.read_all': ['supervisor', 'coordinator', 'admin'],
  'queues.manage': ['supervisor', 'coordinator', 'admin'],
  // coordination centre
  'monitoring.read': ['supervisor', 'coordinator', 'admin'],
  'monitoring.webhooks': ['coordinator', 'admin'],
  // the same people as kb.stats.read: trends include the knowledge base's unanswered searches
  'trends.read': ['editor', 'coordinator'],
  // staffing: the people who plan staff
  'staffing.read': ['supervisor', 'coordinator', 'admin'],
  // appeals: types, organisations and routing are the admins'; officers read and work the appeals
  // of their organisation (with the appellant's data); operators register them during a call;
  // coordinators and supervisors see counts and deadlines, never the content
  'appeals.catalog.write': ['admin'],
  'appeals.register': ['operator', 'supervisor'],
  'appeals.work': ['agency_officer'],
  'appeals.figures': ['supervisor', 'coordinator', 'admin'],
  // navigator: its questions and measures are federal, written and reviewed as knowledge-base answers
  'navigator.write': ['editor'],
  'navigator.review': ['editor', 'coordinator'],
  // navigator: counts of measures found and questions left, never answers (editors keep the catalogue)
  'navigator.report': ['supervisor', 'coordinator', 'editor', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions;

export function roleMay(role: Role, permission: Permission): boolean {
  return (permissions[permission] as readonly Role[]).includes(role);
}
