// The rollup counters, described once. Each has a field (TypeScript), a column (every counter table:
// mon_rollups, mon_daily, mon_monthly, mon_national_daily) and a way two values add up: summed, the
// larger kept, or buckets summed position by position. The Counters type, the adders and the SQL
// column lists, upserts, sums and readers all derive from this table.

/** Answered within these many seconds: service level can be computed for any of them. */
export const WAIT_BUCKETS = [10, 15, 20, 30, 45, 60, 90, 120, 180, 300] as const;
/** Abandoned within these many seconds: "short abandons" for any threshold among them. */
export const ABANDON_BUCKETS = [3, 5, 10, 15, 20, 30] as const;

const FIELDS = [
  { field: 'offered', column: 'offered', add: 'count' },
  { field: 'answered', column: 'answered', add: 'count' },
  { field: 'abandoned', column: 'abandoned', add: 'count' },
  { field: 'overflowOut', column: 'overflow_out', add: 'count' },
  { field: 'overflowIn', column: 'overflow_in', add: 'count' },
  { field: 'callbacks', column: 'callbacks', add: 'count' },
  { field: 'waitSeconds', column: 'wait_seconds', add: 'seconds' },
  { field: 'maxWaitSeconds', column: 'max_wait_seconds', add: 'max' },
  { field: 'talkSeconds', column: 'talk_seconds', add: 'seconds' },
  { field: 'wrapSeconds', column: 'wrap_seconds', add: 'seconds' },
  { field: 'answeredWithin', column: 'answered_within', add: 'buckets', buckets: WAIT_BUCKETS },
  { field: 'abandonedWithin', column: 'abandoned_within', add: 'buckets', buckets: ABANDON_BUCKETS },
] as const;

type Spec = (typeof FIELDS)[number];
type ScalarSpec = Exclude<Spec, { add: 'buckets' }>;

/** The counters of one rollup row, or of any sum of rows. */
export type Counters = { [S in Spec as S['field']]: S extends { add: 'buckets' } ? number[] : number };
/** The counters that are single numbers (not bucket arrays). */
export type ScalarField = ScalarSpec['field'];

const SCALARS = FIELDS.filter((s): s is ScalarSpec => s.add !== 'buckets');
/** The single-number counters (reports read these, and "within" at one threshold each). */
export type Scalars = Pick<Counters, ScalarField>;

export function zeroCounters(): Counters {
  return Object.fromEntries(FIELDS.map((s) => [s.field, s.add === 'buckets' ? s.buckets.map(() => 0) : 0])) as Counters;
}

function combine(a: Counters, b: Counters, sign: 1 | -1): Counters {
  const out = {} as Record<string, number | number[]>;
  for (const s of FIELDS) {
    if (s.add === 'buckets') out[s.field] = a[s.field].map((x, i) => x + sign * b[s.field][i]!);
    // (a change's largest wait travels beside its counters: subtracted, it is no maximum)
    else if (s.add === 'max') out[s.field] = sign > 0 ? Math.max(a[s.field], b[s.field]) : 0;
    else out[s.field] = a[s.field] + sign * b[s.field];
  }
  return out as Counters;
}

/** Two rows' counters summed, the larger wait kept. */
export const addCounters = (a: Counters, b: Counters): Counters => combine(a, b, 1);
/** What changed from b to a (the maximum wait not among them: it is 0). */
export const subCounters = (a: Counters, b: Counters): Counters => combine(a, b, -1);

// Readers run these once per row of a report (365 for a year by day), so they are made once from
// the table as plain object literals: generic loops or Object.fromEntries over it cost about 1 ms
// per such report (bench:dashboard). The names come from FIELDS above, never from input.
const compile = <F>(params: string[], body: string) => new Function(...params, body) as F;
const literal = (value: (s: ScalarSpec) => string) => `{ ${SCALARS.map((s) => `${s.field}: ${value(s)}`).join(', ')} }`;

export const zeroScalars = compile<() => Scalars>([], `return ${literal(() => '0')};`);

export const addScalars = compile<(a: Scalars, b: Scalars) => Scalars>(
  ['a', 'b'],
  `return ${literal((s) => (s.add === 'max' ? `Math.max(a.${s.field}, b.${s.field})` : `a.${s.field} + b.${s.field}`))};`,
);

/** Nothing added: every count, duration and bucket 0 (the maximum wait aside). */
export const isZero = (c: Counters) => FIELDS.every((s) => (s.add === 'buckets' ? c[s.field].every((x) => !x) : s.add === 'max' || !c[s.field]));

// --- SQL ---------------------------------------------------------------------------------------

/** The columns, in table order: `offered, answered, …, abandoned_within`. */
export const COUNTER_COLUMNS = FIELDS.map((s) => s.column).join(', ');

/**
 * One SQL expression per counter, in column order (to go with COUNTER_COLUMNS): for rows made up
 * elsewhere than the folder (the benchmarks' year of history). A counter left out does not compile.
 */
export const countersSql = (expr: { readonly [F in keyof Counters]: string }) => FIELDS.map((s) => expr[s.field]).join(', ');

const SQL_TYPE = { count: 'int', seconds: 'float8', max: 'float8', buckets: 'int[]' } as const;
/** The columns with their types, for json_to_recordset(…) AS x(…). */
export const COUNTER_RECORD = FIELDS.map((s) => `${s.column} ${SQL_TYPE[s.add]}`).join(', ');

/** ON CONFLICT … DO UPDATE SET: the row `r` plus `excluded`. */
export const COUNTER_UPSERT = FIELDS.map((s) =>
  s.add === 'buckets'
    ? `${s.column} = ARRAY(SELECT a + b FROM unnest(r.${s.column}, excluded.${s.column}) WITH ORDINALITY AS t(a, b, i) ORDER BY i)`
    : s.add === 'max'
      ? `${s.column} = greatest(r.${s.column}, excluded.${s.column})`
      : `${s.column} = r.${s.column} + excluded.${s.column}`,
).join(', ');

/** Rows summed into one, in column order (for INSERT … SELECT of coarser rows), or `AS` their columns. */
export function summedCounters(named = false): string {
  const as = (s: Spec) => (named ? ` AS ${s.column}` : '');
  // Arrays are summed position by position with one sum() per bucket: cheap, and no unnest.
  return FIELDS.map((s) =>
    s.add === 'buckets'
      ? `ARRAY[${s.buckets.map((_, i) => `sum(${s.column}[${i + 1}])`).join(', ')}]::${named ? 'bigint' : 'int'}[]${as(s)}`
      : s.add === 'max'
        ? `max(${s.column})${as(s)}`
        : `sum(${s.column})${s.add === 'count' && named ? '::bigint' : ''}${as(s)}`,
  ).join(', ');
}

/** Each single-number counter as `<aggregate> AS <column>`, the aggregate given by how it adds. */
export const scalarsSql = (aggregate: (column: string, add: ScalarSpec['add']) => string) => SCALARS.map((s) => `${aggregate(s.column, s.add)} AS ${s.column}`).join(', ');

export const scalarsOf = compile<(row: Record<string, unknown>) => Scalars>(['row'], `return ${literal((s) => `Number(row.${s.column} ?? 0)`)};`);

/** Counters read from a row with their columns (numbers may come as text: bigint). */
export const countersOf = compile<(row: Record<string, unknown>) => Counters>(
  ['row'],
  `return { ${FIELDS.map((s) => `${s.field}: ${s.add === 'buckets' ? `(row.${s.column} ?? [${s.buckets.map(() => 0).join(', ')}]).map(Number)` : `Number(row.${s.column} ?? 0)`}`).join(', ')} };`,
);

/** Counters as a row with their columns (as JSON, for json_to_recordset), with the row's largest wait. */
export function counterValues(c: Counters, maxWaitSeconds: number): Record<string, number | number[]> {
  return { ...Object.fromEntries(FIELDS.map((s) => [s.column, c[s.field]])), max_wait_seconds: maxWaitSeconds };
}
