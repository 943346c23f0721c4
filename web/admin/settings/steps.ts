// A queue's escalation steps as the form holds them, and as the API takes them: a number typed
// goes as a number, anything else as typed, for the API to refuse at its place.
import { readTargets, showTargets, type Queue } from './model.ts';

export interface StepDraft {
  key: number;
  action: 'widen_skills' | 'overflow';
  after: string;
  noOperators: boolean;
  to: string;
}

let next = 1;
export const newStep = (): StepDraft => ({ key: next++, action: 'widen_skills', after: '60', noOperators: false, to: '' });

export const stepDrafts = (steps: Queue['escalation']): StepDraft[] =>
  steps.map((x) => ({
    key: next++,
    action: x.action,
    after: x.afterSeconds === undefined ? '' : String(x.afterSeconds),
    noOperators: 'whenNoOperators' in x ? x.whenNoOperators === true : false,
    to: x.action === 'overflow' ? showTargets(x.to) : '',
  }));

/** A typed number as the API takes it, or as typed for the API to refuse at its place. */
export const numberOrTyped = (v: string): number | string => (v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v);

export function stepBody(x: StepDraft): Queue['escalation'][number] {
  // (what is not a number goes as typed: the API refuses it at the step)
  const seconds = numberOrTyped(x.after) as number;
  if (x.action === 'widen_skills') return { action: 'widen_skills', afterSeconds: seconds };
  return { action: 'overflow', ...(x.after.trim() === '' ? {} : { afterSeconds: seconds }), ...(x.noOperators ? { whenNoOperators: true } : {}), to: readTargets(x.to) };
}

/** The messages at a step's parts; a step refused as a whole (a bad number of seconds) at its «after» field. */
export function stepPlace(path: string): string {
  const m = /^escalation\.(\d+)(\.(\w+))?/.exec(path);
  if (!m) return path;
  return `escalation.${m[1]}.${m[3] === 'to' ? 'to' : m[3] === 'whenNoOperators' ? 'whenNoOperators' : 'afterSeconds'}`;
}
