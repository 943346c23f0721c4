// Phone numbers people type into free text (a search, a URL) are personal data: before such text
// is stored or logged, every phone-like run of digits is masked down to its last two digits, in the
// spirit of the caller number on an operator's screen (there: +7 916 ***-**-12; here the operator
// code goes too, as the text is kept for weeks and read by many).
//
// What counts as a phone number (numbers that matter in questions stay: years, amounts, law numbers
// like 44-ФЗ, the hotline 122, dates):
// - a Russian number, ten digits with or without +7/8/7 before, separated by spaces, hyphens or a
//   bracketed code: +7 916 123-45-67, 89161234567, 8 (916) 123 45 67, (495) 123-45-67;
// - any number written with + and ten or more digits (foreign numbers);
// - ten or more digits in a row (also SNILS, INN, card numbers), and SNILS as 123-456-789 01;
// - a city number without its code written 123-45-67.
// Digits joined to Latin letters or digits (ids, hashes, UUIDs) are not touched.

const BEFORE = String.raw`(?<![0-9A-Za-z_])(?<![0-9A-Za-z]-)`;
const AFTER = String.raw`(?![0-9A-Za-z_])`;
const RUSSIAN = String.raw`(?:(?:\+7|8|7)[\s-]*)?(?:\(\s*\d{3}\s*\)|\d{3})[\s-]*\d{3}[\s-]*\d{2}[\s-]*\d{2}`;
const OTHER = [String.raw`\+\d(?:[\s\-()]*\d){9,14}`, String.raw`\d{3}-\d{3}-\d{3}[\s-]\d{2}`, String.raw`\d{10,}`, String.raw`\d{3}-\d{2}-\d{2}`].join('|');
const PHONE = new RegExp(`${BEFORE}(?:(${RUSSIAN})|(${OTHER}))${AFTER}`, 'g');

/** The text with every phone-like number masked: +7 *** ***-**-67 (Russian), ***-**-67 (others). */
export function maskPhoneNumbers(text: string): string {
  return text.replace(PHONE, (match: string, russian: string | undefined) => {
    const last = match.replace(/\D/g, '').slice(-2);
    return russian ? `+7 *** ***-**-${last}` : `***-**-${last}`;
  });
}

// A number given as such (a caller's, an appellant's): its international form and masked form.

/** Digits in international form: 8 916 … and 916 … become 7916…; null for hidden numbers. */
export function normalizeNumber(raw: string): string | null {
  const digits = raw.replace(/\D/g, '');
  if (digits.length < 5) return null;
  if (digits.length === 11 && digits.startsWith('8')) return `7${digits.slice(1)}`;
  if (digits.length === 10 && digits.startsWith('9')) return `7${digits}`;
  return digits;
}

export function maskNumber(normalized: string): string {
  if (normalized.length === 11 && normalized.startsWith('7')) {
    return `+7 ${normalized.slice(1, 4)} ***-**-${normalized.slice(9)}`;
  }
  return `+${normalized.slice(0, Math.min(3, normalized.length - 4))} ***${normalized.slice(-2)}`;
}
