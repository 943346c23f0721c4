// Demo mode's year of history is written in the background after the server starts: until it is
// whole, the staff apps that show figures say so (GET /api/v1/monitoring/history), and read it
// again every 20 s; nothing at all once written, without a generated history, or for a role that
// may not read the figures.
import './history-note.css';
import { useEffect, useState } from 'preact/hooks';
import { plural } from '../../src/platform/text/russian.ts';
import { get } from './api.ts';

const AGAIN_MS = 20_000;

/** «История за год загружается: готово 5 из 12 месяцев». */
export const historyNoteText = (written: number, months: number) => `История за год загружается: готово ${written} из ${months} ${plural(months, ['месяца', 'месяцев', 'месяцев'])}`;

export function HistoryNote() {
  const [p, setP] = useState<{ written: number; months: number } | null>(null);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let gone = false;
    const read = async () => {
      const r = await get('/api/v1/monitoring/history');
      if (gone) return;
      setP(r.ok && r.body.filling ? r.body : null);
      // (a refusal or a whole history: asked no more)
      if (r.ok ? r.body.filling : r.status >= 500) timer = setTimeout(() => void read(), AGAIN_MS);
    };
    void read();
    return () => {
      gone = true;
      clearTimeout(timer);
    };
  }, []);
  if (!p) return null;
  return (
    <p class="history-note" role="status">
      {historyNoteText(p.written, p.months)}
      <progress value={p.written} max={p.months} aria-hidden="true" />
    </p>
  );
}
