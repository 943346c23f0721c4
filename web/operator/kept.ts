// What was done during a call, kept in the tab's sessionStorage until its wrap-up: the answers
// marked, the numbers of the appeals registered (never their codes). A reload during the call
// brings them back.
import type { Used } from './answers.tsx';

interface Kept {
  used: Used[];
  appeals: string[];
}
const keyOf = (kind: keyof Kept, callId: string) => `otvet.${kind}.${callId}`;

export function remembered<K extends keyof Kept>(kind: K, callId: string): Kept[K] {
  try {
    const v: unknown = JSON.parse(sessionStorage.getItem(keyOf(kind, callId)) ?? '[]');
    return (Array.isArray(v) ? v : []) as Kept[K];
  } catch {
    return [] as Kept[K];
  }
}

export const remember = <K extends keyof Kept>(kind: K, callId: string, v: Kept[K]) => {
  try {
    sessionStorage.setItem(keyOf(kind, callId), JSON.stringify(v));
  } catch {
    // storage full or refused: they live as long as the page
  }
};

export const forget = (callId: string) => {
  sessionStorage.removeItem(keyOf('used', callId));
  sessionStorage.removeItem(keyOf('appeals', callId));
};
