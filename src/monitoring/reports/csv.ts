// Reports as CSV (RFC 4180, UTF-8 with a byte-order mark so that spreadsheet programs read Cyrillic).
export function toCsv(columns: { key: string; title: string }[], rows: Record<string, unknown>[]): string {
  const cell = (v: unknown) => {
    if (v === null || v === undefined) return '';
    const s = typeof v === 'number' ? String(Math.round(v * 10000) / 10000) : String(v);
    return /[",\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [columns.map((c) => cell(c.title)).join(','), ...rows.map((r) => columns.map((c) => cell(r[c.key])).join(','))];
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
