// An appeal's answer due date with how many days are left: overdue in red with a word, not colour
// alone; due within 3 days in amber; nothing counted once the appeal is no longer open.
import { t } from './strings.ts';
import { daysLeft, OPEN, showDate, type ListedAppeal } from './model.ts';

export function Due({ appeal, zone }: { appeal: Pick<ListedAppeal, 'answerBy' | 'overdue' | 'status' | 'extended'>; zone: string }) {
  const open = OPEN.includes(appeal.status);
  const left = daysLeft(appeal.answerBy, zone);
  // (the server says overdue: its clock decides; the days are this page's count in the same zone)
  const kind = appeal.overdue ? 'overdue' : open && left <= 3 ? 'soon' : 'ok';
  return (
    <span class={`due due--${kind}`}>
      <span class="due__date">{showDate(appeal.answerBy)}</span>
      {appeal.extended && <span class="due__extended"> ({t.due.extended})</span>}
      {appeal.overdue ? (
        <span class="due__left">
          <strong class="badge badge--overdue">{t.due.overdueBadge}</strong> {t.due.overdue(Math.max(1, -left))}
        </span>
      ) : (
        open && <span class="due__left">{left <= 0 ? t.due.today : t.due.left(left)}</span>
      )}
    </span>
  );
}
