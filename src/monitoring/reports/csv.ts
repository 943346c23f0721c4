// Reports as CSV (RFC 4180, UTF-8 with a byte-order mark so that spreadsheet programs read Cyrillic).
// A share (0 to 1) goes out as percent, its title saying so («Уровень обслуживания, %»: 83.45), so
// that a person reads and sums it as the reports show it, not as 0.8345.
export interface CsvColumn {
  key: string;
  title: string;
  percent?: boolean;
}

export function toCsv(columns: CsvColumn[], rows: Record<string, unknown>[]): string {
  const cell = (v: unknown) => {
    if (v === null || v === undefined) return '';
    const s = typeof v === 'number' ? String(Math.round(v * 10000) / 10000) : String(v);
    return /[",\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const value = (c: CsvColumn, v: unknown) => (c.percent && typeof v === 'number' ? Math.round(v * 10000) / 100 : v);
  const lines = [columns.map((c) => cell(c.percent ? `${c.title}, %` : c.title)).join(','), ...rows.map((r) => columns.map((c) => cell(value(c, r[c.key]))).join(','))];
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
