// "How 122 works"; whether the visitor's region's centre is open now and until when (or when it
// opens), with its week's hours; every region's hours in a table folded under a summary.
import type { Hours } from '../regions/index.ts';
import { callBox, withHotlineLinks } from './hotline-link.ts';
import { html, type Html } from './html.ts';
import { page, type Visitor } from './layout.ts';
import { t } from './strings.ts';

export interface CentreHours {
  code: string;
  name: string;
  timezone: string;
  hours: Hours;
}

function day(h: Hours['mon']): string {
  if (!h) return t.closed;
  if (h.open === '00:00' && h.close === '24:00') return t.allDay;
  return `${h.open}–${h.close}`;
}

function weekdays(h: Hours): string {
  const days = [h.mon, h.tue, h.wed, h.thu, h.fri].map(day);
  return days.every((d) => d === days[0]) ? days[0]! : days.join(', ');
}

function row(c: CentreHours, mine: boolean): Html {
  return html`<tr${mine ? html` class="mine"` : ''}><th scope="row">${c.name}</th><td>${weekdays(c.hours)}</td><td>${day(c.hours.sat)}</td><td>${day(c.hours.sun)}</td></tr>`;
}

/** openNow: the visitor's region's centre open now or not, in words (null: no region chosen). */
export function hotlinePage(origin: string, centres: CentreHours[], visitor: Visitor, openNow: string | null): string {
  const mine = visitor.region ? centres.find((c) => c.code === visitor.region!.code) : undefined;
  const content = html`<h1>${withHotlineLinks(t.hotlineTitle)}</h1>
${callBox()}
${mine ? html`<p class="open-now"><strong>${t.hotlineYours(mine.name)}:</strong> ${openNow ?? ''}.</p>` : html`<p>${t.hotlineNowChoose} <a href="/region?back=%2Fhotline">${t.regionChoose}</a></p>`}
${t.hotlineIntro.map((p) => html`<p>${withHotlineLinks(p)}</p>`)}
<h2>${t.hotlineHours}</h2>
${mine ? html`<p>${t.hotlineYours(mine.name)}: ${t.colWeekdays.toLowerCase()} ${weekdays(mine.hours)}, ${t.colSaturday.toLowerCase()} ${day(mine.hours.sat)}, ${t.colSunday.toLowerCase()} ${day(mine.hours.sun)}.</p>` : ''}
<p class="muted">${t.hotlineHoursNote} <a href="/region?back=%2Fhotline">${visitor.region ? t.regionChange : t.regionChoose}</a></p>
<details class="hours">
<summary>${t.hotlineHoursTitle}</summary>
<section class="table" aria-label="${t.hotlineHoursTitle}" tabindex="0">
<table>
<thead><tr><th scope="col">${t.colRegion}</th><th scope="col">${t.colWeekdays}</th><th scope="col">${t.colSaturday}</th><th scope="col">${t.colSunday}</th></tr></thead>
<tbody>${centres.map((c) => row(c, c.code === visitor.region?.code))}</tbody>
</table>
</section>
</details>`;
  return page(origin, visitor, { title: t.hotlineTitle, description: t.hotlineIntro[0]!, path: '/hotline' }, content);
}
