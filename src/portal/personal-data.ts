// What in a citizen's free text could be someone's personal data: a phone, document or account
// number (six or more digits, however grouped with spaces, hyphens or brackets; not a date's dots,
// a year, a law's number) or an e-mail address. Search pages holding such a query are kept by no
// cache; readers' words about an answer have it masked before they are written.

const NUMBER = String.raw`\+?\d(?:[\s\-()]*\d){5,}`;
const EMAIL = String.raw`[^\s@]+@[^\s@]+\.[^\s@,;:!?()]+`;
export const MASK = '[скрыто]';

/** Whether the text may hold personal data (a search page for it is built for its request only). */
export function mayBePersonal(text: string): boolean {
  return text.includes('@') || new RegExp(NUMBER, 'u').test(text);
}

/** The text with every such number and e-mail address replaced by «[скрыто]». */
export function maskPersonal(text: string): string {
  return text.replace(new RegExp(EMAIL, 'gu'), MASK).replace(new RegExp(NUMBER, 'gu'), MASK);
}
