// Shapes of regions and of call-centre settings (opening hours in local time, service norms).
import { z } from 'zod';

export const regionCodeSchema = z.string().regex(/^[0-9]{2}$/, 'a two-digit region code such as 77');

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** One record of regions.json (the import format). */
export const regionRecordSchema = z.object({
  code: regionCodeSchema,
  name: z.string().trim().min(1).max(200),
  federal_district: z.string().trim().min(1).max(200),
  timezone: z.string().refine(isTimeZone, 'not an IANA time zone (e.g. Europe/Moscow)'),
  population: z.number().int().min(0),
});
export type RegionRecord = z.infer<typeof regionRecordSchema>;

export const regionSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    federalDistrict: z.string(),
    timezone: z.string().describe('IANA time zone of the regional call centre'),
    utcOffsetMinutes: z.number().int().describe('The offset from UTC now'),
    population: z.number().int(),
  })
  .meta({ id: 'Region' });
export type Region = z.infer<typeof regionSchema>;

const hhmm = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$/, 'a time HH:MM, 00:00 to 24:00');

export const dayHoursSchema = z
  .object({ open: hhmm, close: hhmm })
  .refine((d) => d.open < d.close, { message: 'close must be later than open', path: ['close'] })
  .nullable()
  .describe("Opening hours in the region's local time, or null when closed");

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export const hoursSchema = z.object(Object.fromEntries(weekdays.map((d) => [d, dayHoursSchema])) as Record<(typeof weekdays)[number], typeof dayHoursSchema>).meta({ id: 'OpeningHours' });
export type Hours = z.infer<typeof hoursSchema>;

export const normsSchema = z
  .object({
    serviceLevelTarget: z.number().min(0).max(1).describe('Share of calls to answer within serviceLevelSeconds, e.g. 0.8'),
    serviceLevelSeconds: z.number().int().min(1).max(3600),
    maxAbandonRate: z.number().min(0).max(1).describe('Largest acceptable share of abandoned calls'),
    maxAsaSeconds: z.number().int().min(1).max(3600).describe('Largest acceptable average speed of answer'),
    shortAbandonSeconds: z.number().int().min(0).max(120).describe('Calls abandoned sooner than this are not counted against the service level'),
  })
  .meta({ id: 'Norms' });
export type Norms = z.infer<typeof normsSchema>;

export const overridesSchema = z
  .object({
    hours: hoursSchema.partial().default({}),
    norms: normsSchema.partial().default({}),
  })
  .meta({ id: 'SettingsOverrides' });
export type Overrides = z.infer<typeof overridesSchema>;

export const defaultsSchema = z.object({ hours: hoursSchema, norms: normsSchema }).meta({ id: 'CallCentreDefaults' });
export type Defaults = z.infer<typeof defaultsSchema>;

export const regionSettingsSchema = z
  .object({
    region: z.string(),
    timezone: z.string(),
    effective: defaultsSchema.describe("What applies: the federal defaults with the region's overrides"),
    overrides: overridesSchema.describe('What the region sets itself'),
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable(),
  })
  .meta({ id: 'RegionSettings' });
export type RegionSettings = z.infer<typeof regionSettingsSchema>;
