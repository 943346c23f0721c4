// Who may see an answer. Live answers are public; drafts, answers in review and archived ones only
// to those who may read drafts in the answer's scope (the same rule the editors' routes apply).
// Anyone else must be told the answer does not exist, so a slug reveals nothing.
import { authorize } from '../platform/access/authorize.ts';
import { FEDERAL, type ActorContext } from '../platform/access/principal.ts';
import { AppError } from '../platform/errors.ts';

export interface AnswerVisibility {
  scope: string;
  published_version: number | null;
  archived_at: Date | null;
}

export function maySee(ctx: ActorContext, a: AnswerVisibility): boolean {
  if (a.published_version !== null && a.archived_at === null) return true;
  try {
    authorize(ctx, 'kb.read_drafts', a.scope === FEDERAL ? {} : { region: a.scope });
    return true;
  } catch (e) {
    if (e instanceof AppError) return false;
    throw e;
  }
}
