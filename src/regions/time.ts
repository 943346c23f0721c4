// Time-zone arithmetic with the platform's own Intl data: no library needed for offsets.

/** Minutes east of UTC in `timeZone` at `at`. */
export function utcOffsetMinutes(timeZone: string, at = new Date()): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value;
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '');
  if (!m) return 0; // "GMT" alone: UTC itself
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -minutes : minutes;
}
