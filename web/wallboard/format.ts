// Figures as the wallboard writes them: 67 %, 12 345, 20:08, 3:01 (minutes and seconds).
import { t } from './strings.ts';

export const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)} %`);
export const number = (n: number) => n.toLocaleString('ru-RU');
export const time = (iso: string) => new Date(iso).toLocaleTimeString('ru-RU', { hour: '2-digit', minute: '2-digit' });
export const seconds = (x: number | null) => (x === null ? '—' : `${Math.round(x)} ${t.detail.seconds}`);
export const minutesSeconds = (s: number) => (s <= 0 ? '—' : `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`);
