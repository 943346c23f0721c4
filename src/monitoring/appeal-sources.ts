// What monitoring reads of citizens' appeals, declared here as monitoring needs it (it never reads
// the appeals' tables): the composition root hands it the appeals module's figures, and stops
// compiling when they no longer fit. Counts and names only, never an appeal's content.

/** A region's appeals: filed in a span (by type code), answered in it (on time), open and overdue now. */
export interface RegionAppealCounts {
  region: string;
  filed: number;
  types: Record<string, number>;
  answered: number;
  answeredOnTime: number;
  answeredOnTimeShare: number | null;
  open: number;
  overdue: number;
  overdueShare: number | null;
}

export interface AppealSpanCounts {
  totals: Omit<RegionAppealCounts, 'region' | 'types'>;
  byType: { type: string; name: string; filed: number }[];
  /** Regions with any appeal filed, answered or open. */
  byRegion: RegionAppealCounts[];
  byOrganisation: { organisation: string; name: string; region: string | null; filed: number }[];
  byDay: { day: string; filed: number }[];
  byChannel: { channel: string; filed: number }[];
}

export interface AppealSources {
  /** Appeals filed on the local dates [from, to] (inclusive, each region's own days), answered on them, open now. */
  span(f: { from: string; to: string; regions?: string[] | undefined }): Promise<AppealSpanCounts>;
  /** Only the appeals filed on the local dates [from, to], by type and channel (cheaper: the year's summary). */
  filed(f: { from: string; to: string; regions?: string[] | undefined }): Promise<{ filed: number; byType: AppealSpanCounts['byType']; byChannel: AppealSpanCounts['byChannel'] }>;
  /** Appeals open now and overdue among them, per region with any. */
  open(regions?: string[]): Promise<{ region: string; open: number; overdue: number; overdueShare: number | null }[]>;
}
