// The appeals module's topics and what each carries. No personal data: who hears an event and needs
// the appellant (the e-mail notifier) opens the appeal's sealed part itself.
import { topicsOf } from '../platform/events/bus.ts';

/**
 * The steps the appellant is told of: filed and registered, answered, rejected on an art. 11
 * ground, redirected to another organisation, its term extended (art. 12 p. 2), a message to them.
 */
export const appealSteps = ['registered', 'answered', 'rejected', 'redirected', 'extended', 'message'] as const;
export type AppealStep = (typeof appealSteps)[number];

/** A step, with what the citizen is told of it as it stood then (a notice may be written later). */
export interface AppealChanged {
  number: string;
  step: AppealStep;
  /** The organisation that has the appeal after the step (its code). */
  organisation?: string;
  /** The answer's due date after the step: YYYY-MM-DD in that organisation's zone. */
  answerBy: string;
  /** The comment (its id) the step wrote for the citizen: the answer, the reason, the extension, the message. */
  comment?: string;
}

export type AppealsTopics = {
  'appeals.changed': AppealChanged;
};

export const appealsTopics = topicsOf<AppealsTopics>();
