// SQL of the calls' line quality (cc_call_quality): one row per call, written with its wrap-up;
// a day's figures per operator and per region for supervisors.
import type { Queryable } from '../platform/db/database.ts';
import type { CallQuality } from './schema.ts';

/** Below this MOS a call counts as poor (ITU-T G.107's "many users dissatisfied" begins at 3.6). */
export const POOR_MOS = 3.6;

export interface QualityRow {
  callId: string;
  operatorId: number;
  region: string;
  recordedAt: Date;
  /** recordedAt's date in the operator's region, YYYY-MM-DD */
  localDate: string;
  quality: CallQuality;
}

export async function insertCallQuality(tx: Queryable, r: QualityRow): Promise<void> {
  const q = r.quality;
  await tx.query(
    `INSERT INTO cc_call_quality (call_id, operator_id, region_code, recorded_at, local_date, mos, packets_received, packets_lost, jitter_ms, rtt_ms, bytes_received, bytes_sent, duration_seconds)
     VALUES ($1, $2, $3, $4, $5::date, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [r.callId, r.operatorId, r.region, r.recordedAt, r.localDate, q.mos, q.packetsReceived, q.packetsLost, q.jitterMs, q.rttMs, q.bytesReceived, q.bytesSent, q.durationSeconds],
  );
}

export interface QualitySums {
  calls: number;
  mosAvg: number;
  mosMin: number;
  poorCalls: number;
  lost: number;
  received: number;
  jitterMsAvg: number;
  /** null: no call of the group had a round-trip time */
  rttMsAvg: number | null;
}

const SUMS = `count(*)::int AS calls, avg(mos) AS mos_avg, min(mos) AS mos_min,
              count(*) FILTER (WHERE mos < ${POOR_MOS})::int AS poor_calls,
              sum(packets_lost)::float8 AS lost, sum(packets_received)::float8 AS received,
              avg(jitter_ms) AS jitter_avg, avg(rtt_ms) AS rtt_avg`;

interface SumsRow {
  calls: number;
  mos_avg: number;
  mos_min: number;
  poor_calls: number;
  lost: number;
  received: number;
  jitter_avg: number;
  rtt_avg: number | null;
}

const sums = (r: SumsRow): QualitySums => ({
  calls: r.calls,
  mosAvg: Number(r.mos_avg),
  mosMin: Number(r.mos_min),
  poorCalls: r.poor_calls,
  lost: Number(r.lost),
  received: Number(r.received),
  jitterMsAvg: Number(r.jitter_avg),
  rttMsAvg: r.rtt_avg === null ? null : Number(r.rtt_avg),
});

/** A day's figures (each row's own local date) per operator and per region; regions undefined = all. */
export async function qualityOfDay(
  db: Queryable,
  day: string,
  regions: string[] | undefined,
): Promise<{ operators: (QualitySums & { operatorId: number; region: string })[]; regions: (QualitySums & { region: string })[] }> {
  const where = `local_date = $1::date${regions ? ' AND region_code = ANY($2::text[])' : ''}`;
  const params = regions ? [day, regions] : [day];
  const ops = await db.query<SumsRow & { operator_id: number; region_code: string }>(
    `SELECT operator_id, region_code, ${SUMS} FROM cc_call_quality WHERE ${where} GROUP BY operator_id, region_code`,
    params,
  );
  const regs = await db.query<SumsRow & { region_code: string }>(`SELECT region_code, ${SUMS} FROM cc_call_quality WHERE ${where} GROUP BY region_code`, params);
  return {
    operators: ops.rows.map((r) => ({ operatorId: Number(r.operator_id), region: r.region_code, ...sums(r) })),
    regions: regs.rows.map((r) => ({ region: r.region_code, ...sums(r) })),
  };
}
