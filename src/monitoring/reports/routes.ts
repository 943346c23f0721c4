// /api/v1/reports: JSON by default, CSV with ?format=csv (or Accept: text/csv).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../platform/access/request-actor.ts';
import { calendarDate, problems, staffSecurity } from '../../platform/http/schemas.ts';
import type { App } from '../../platform/http/types.ts';
import { toCsv } from './csv.ts';
import type { ReportsService } from './service.ts';

const localDate = calendarDate("a date YYYY-MM-DD (the regions' local dates)");
const span = z.object({
  from: localDate.optional().describe('First local date (default: 30 days before `to`)'),
  to: localDate.optional().describe("Last local date, inclusive (default: today, Moscow's date)"),
  region: z
    .string()
    .regex(/^[0-9]{2}$/, 'a two-digit region code such as 77')
    .optional(),
  format: z.enum(['json', 'csv']).optional().describe('csv: a spreadsheet-ready file (also with Accept: text/csv)'),
});
const share = z.number().nullable();
const figures = {
  offered: z.number().int(),
  answered: z.number().int(),
  abandoned: z.number().int(),
  serviceLevel: share,
  asa: z.number().nullable(),
  aht: z.number().nullable(),
  abandonRate: share,
  overflowShare: share,
  maxWaitSeconds: z.number(),
};
const figuresSchema = z.object(figures).meta({ id: 'ReportFigures' });
const appealCounts = {
  filed: z.number().int().describe("Appeals registered on the span's local dates (each region's own)"),
  answered: z.number().int().describe("Appeals given an answer on the span's local dates"),
  answeredOnTime: z.number().int().describe('Of those, answered by their due time'),
  answeredOnTimeShare: share.describe('answeredOnTime / answered; null without answers'),
  open: z.number().int().describe('Open now, whenever filed (registered, forwarded, in progress, redirected)'),
  overdue: z.number().int().describe('Open now and past their due time'),
  overdueShare: share.describe('overdue / open; null without open appeals'),
};
const filedByType = z.array(z.object({ type: z.string(), name: z.string(), filed: z.number().int() })).describe('Most first');
const filedByChannel = z.array(z.object({ channel: z.string().describe('portal, operator, api or open311'), filed: z.number().int() })).describe('Most first');
const csvOr = <T extends z.ZodType>(schema: T) => ({ 200: schema.describe('JSON, or text/csv with ?format=csv'), ...problems(400, 401, 403) });

const wantsCsv = (req: FastifyRequest, format?: string) => format === 'csv' || (format === undefined && (req.headers.accept ?? '').startsWith('text/csv'));
const sendCsv = (reply: FastifyReply, name: string, csv: string) => reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}.csv"`).send(csv);

const figureColumns = [
  { key: 'offered', title: 'Поступило' },
  { key: 'answered', title: 'Отвечено' },
  { key: 'abandoned', title: 'Потеряно' },
  { key: 'serviceLevel', title: 'Уровень обслуживания', percent: true },
  { key: 'asa', title: 'Среднее ожидание ответа, с' },
  { key: 'aht', title: 'Среднее время обработки, с' },
  { key: 'abandonRate', title: 'Доля потерянных', percent: true },
  { key: 'overflowShare', title: 'Доля переведённых в резерв', percent: true },
];

export function reportsRoutes(app: App, deps: { reports: ReportsService }) {
  const tags = ['reports'];
  const r = deps.reports;

  app.get('/api/v1/reports/calls', {
    schema: {
      tags,
      security: staffSecurity,
      summary: 'Calls by day or month over a span, the peak marked',
      querystring: span.extend({ by: z.enum(['day', 'month']).default('day') }),
      response: csvOr(
        z.object({
          from: z.string(),
          to: z.string(),
          by: z.string(),
          region: z.string().nullable(),
          items: z.array(z.object({ period: z.string(), peak: z.boolean(), ...figures })),
          totals: figuresSchema,
        }),
      ),
    },
    handler: async (req, reply) => {
      const out = await r.calls(actorOf(req), req.query);
      if (!wantsCsv(req, req.query.format)) return out;
      return sendCsv(
        reply,
        `calls-${out.from}-${out.to}`,
        toCsv(
          [{ key: 'period', title: out.by === 'day' ? 'День' : 'Месяц' }, ...figureColumns, { key: 'peak', title: 'Пик' }],
          out.items.map((x) => ({ ...x, peak: x.peak ? 'пик' : '' })),
        ),
      );
    },
  });

  app.get('/api/v1/reports/regions', {
    schema: {
      tags,
      security: staffSecurity,
      summary: 'Each region over a span, against its norms',
      querystring: span,
      response: csvOr(
        z.object({ from: z.string(), to: z.string(), items: z.array(z.object({ region: z.string(), name: z.string(), target: z.number(), meetsNorms: z.boolean().nullable(), ...figures })) }),
      ),
    },
    handler: async (req, reply) => {
      const out = await r.regions(actorOf(req), req.query);
      if (!wantsCsv(req, req.query.format)) return out;
      const meets = (m: boolean | null) => (m === null ? 'нет звонков' : m ? 'да' : 'нет');
      return sendCsv(
        reply,
        `regions-${out.from}-${out.to}`,
        toCsv(
          [{ key: 'region', title: 'Код' }, { key: 'name', title: 'Регион' }, ...figureColumns, { key: 'meets', title: 'Нормы выполнены' }],
          out.items.map((x) => ({ ...x, meets: meets(x.meetsNorms) })),
        ),
      );
    },
  });

  app.get('/api/v1/reports/topics', {
    schema: {
      tags,
      security: staffSecurity,
      summary: 'What callers asked about over a span, most first',
      querystring: span.extend({ limit: z.coerce.number().int().min(1).max(500).default(50) }),
      response: csvOr(z.object({ from: z.string(), to: z.string(), items: z.array(z.object({ topic: z.string(), calls: z.number().int() })) })),
    },
    handler: async (req, reply) => {
      const out = await r.topics(actorOf(req), req.query);
      if (!wantsCsv(req, req.query.format)) return out;
      return sendCsv(
        reply,
        `topics-${out.from}-${out.to}`,
        toCsv(
          [
            { key: 'topic', title: 'Тема' },
            { key: 'calls', title: 'Звонков' },
          ],
          out.items,
        ),
      );
    },
  });

  app.get('/api/v1/reports/compliance', {
    schema: {
      tags,
      security: staffSecurity,
      summary: 'Whether each region met its norms, per day, week or month',
      querystring: span.extend({ by: z.enum(['day', 'week', 'month']).default('day') }),
      response: csvOr(
        z.object({
          from: z.string(),
          to: z.string(),
          by: z.string(),
          periods: z.array(z.string()),
          items: z.array(
            z.object({
              region: z.string(),
              name: z.string(),
              met: z.number().int(),
              judged: z.number().int(),
              periods: z.array(z.object({ period: z.string(), serviceLevel: share, meets: z.boolean().nullable() })),
            }),
          ),
        }),
      ),
    },
    handler: async (req, reply) => {
      const out = await r.compliance(actorOf(req), req.query);
      if (!wantsCsv(req, req.query.format)) return out;
      const mark = (m: boolean | null) => (m === null ? '' : m ? 'да' : 'нет');
      const rows = out.items.map((x) => ({ region: x.region, name: x.name, met: `${x.met} из ${x.judged}`, ...Object.fromEntries(x.periods.map((p) => [p.period, mark(p.meets)])) }));
      return sendCsv(
        reply,
        `compliance-${out.from}-${out.to}`,
        toCsv([{ key: 'region', title: 'Код' }, { key: 'name', title: 'Регион' }, { key: 'met', title: 'Выполнено' }, ...out.periods.map((p) => ({ key: p, title: p }))], rows),
      );
    },
  });

  app.get('/api/v1/reports/appeals', {
    schema: {
      tags,
      security: staffSecurity,
      summary: "Citizens' appeals over a span: by type and region (with answers on time, and the open and overdue now), organisation, day and channel",
      description: "Counts and names only, never an appeal's content. Days are each region's local days. CSV: the regions, a column per type.",
      querystring: span,
      response: csvOr(
        z.object({
          from: z.string(),
          to: z.string(),
          region: z.string().nullable(),
          at: z.string().describe('The instant open and overdue are counted at'),
          totals: z.object(appealCounts),
          types: filedByType,
          regions: z.array(z.object({ region: z.string(), name: z.string(), ...appealCounts, types: z.record(z.string(), z.number().int()).describe('Filed, by type code') })),
          organisations: z.array(z.object({ organisation: z.string(), name: z.string(), region: z.string().nullable(), filed: z.number().int() })).describe('Most first'),
          days: z.array(z.object({ day: z.string(), filed: z.number().int() })).describe("Days with appeals: each region's local day, summed"),
          channels: filedByChannel,
        }),
      ),
    },
    handler: async (req, reply) => {
      const out = await r.appeals(actorOf(req), req.query);
      if (!wantsCsv(req, req.query.format)) return out;
      return sendCsv(
        reply,
        `appeals-${out.from}-${out.to}`,
        toCsv(
          [
            { key: 'region', title: 'Код' },
            { key: 'name', title: 'Регион' },
            { key: 'filed', title: 'Подано обращений' },
            ...out.types.map((t) => ({ key: `type:${t.type}`, title: t.name })),
            { key: 'answered', title: 'Дан ответ' },
            { key: 'answeredOnTime', title: 'Из них в срок' },
            { key: 'answeredOnTimeShare', title: 'Доля ответов в срок', percent: true },
            { key: 'open', title: 'На рассмотрении' },
            { key: 'overdue', title: 'Просрочено' },
            { key: 'overdueShare', title: 'Доля просроченных', percent: true },
          ],
          out.regions.map((x) => ({ ...x, ...Object.fromEntries(out.types.map((t) => [`type:${t.type}`, x.types[t.type] ?? 0])) })),
        ),
      );
    },
  });

  app.get('/api/v1/reports/year', {
    schema: {
      tags,
      security: staffSecurity,
      summary: 'The year in figures: calls, peak month and day, service level, answers published, appeals filed',
      querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100), region: span.shape.region }),
      response: {
        200: z.object({
          year: z.number().int(),
          region: z.string().nullable(),
          calls: z.number().int(),
          ...figures,
          sinceLaunch: z.number().int(),
          firstDay: z.string().nullable(),
          peakMonth: z.object({ month: z.string(), calls: z.number().int() }).nullable(),
          peakDay: z.object({ day: z.string(), calls: z.number().int() }).nullable(),
          months: z.array(z.object({ month: z.string(), calls: z.number().int(), serviceLevel: share })),
          regionsMeetingNorms: z.number().int(),
          regionsWithCalls: z.number().int(),
          answersPublished: z.number().int(),
          portalViews: z.number().int().nullable().describe('Answer views on the public portal in the year (Moscow dates); null in a summary of one region (the portal is national)'),
          appeals: z
            .object({ filed: z.number().int(), types: filedByType, channels: filedByChannel })
            .describe("Citizens' appeals registered on the year's local dates (each region's own), by type and channel"),
        }),
        ...problems(400, 401, 403),
      },
    },
    handler: async (req) => r.year(actorOf(req), req.query.year, req.query.region),
  });
}
