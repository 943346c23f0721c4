// The appeal's history in words: who did what and when (the details hold no personal data: a
// channel, a reject ground, organisations' codes, days and a due date, a comment's visibility).
import type { User } from '../shared/session.ts';
import type { Catalog } from './catalog.ts';
import { showDate, showInstant, type Appeal, type Channel, type RejectCode } from './model.ts';
import { t } from './strings.ts';

type Entry = Appeal['history'][number];

function words(h: Entry, catalog: Catalog): string {
  const d = h.details;
  const org = (code: unknown) => (typeof code === 'string' ? (catalog.byCode.get(code)?.name ?? code) : '—');
  switch (h.action) {
    case 'registered':
      return t.history.registered(t.channel[d.channel as Channel] ?? String(d.channel ?? ''));
    case 'taken':
      return t.history.taken;
    case 'answered':
      return t.history.answered(typeof d.files === 'number' ? d.files : 0);
    case 'closed':
      return t.history.closed;
    case 'rejected':
      return t.history.rejected(t.rejectShort[d.reason as RejectCode] ?? String(d.reason ?? ''));
    case 'redirected':
      return t.history.redirected(org(d.from), org(d.to));
    case 'extended':
      return t.history.extended(Number(d.days), typeof d.answerBy === 'string' ? showDate(d.answerBy) : '—');
    case 'commented':
      return t.history.commented(t.appeal.visibility[String(d.visibility)] ?? String(d.visibility ?? ''));
    case 'anonymised':
      return t.history.anonymised;
    default:
      return h.action;
  }
}

export function History({ appeal, catalog, user, zone }: { appeal: Appeal; catalog: Catalog; user: User; zone: string }) {
  const who = (h: Entry) => (h.actorId === user.id ? t.appeal.you : h.actorId !== null ? (h.actorName ?? t.appeal.staff(h.actorId)) : h.action === 'registered' ? t.appeal.citizen : t.appeal.system);
  return (
    <section class="card" aria-labelledby="ag-history-h">
      <h2 id="ag-history-h">{t.appeal.history}</h2>
      <ol class="ag-history">
        {appeal.history.map((h, i) => (
          <li key={i}>
            <span class="muted">{showInstant(h.at, zone)}</span> {words(h, catalog)} <span class="muted">({who(h)})</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
