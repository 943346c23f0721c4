// What changed between two versions as the API computes it (GET …/diff): text fields word by word
// (insertions and deletions marked, and said for screen readers in hidden words), lists and dates before → after.
import { t } from '../strings.ts';

export interface FieldDiff {
  field: string;
  before?: unknown;
  after?: unknown;
  changes?: { op: 'equal' | 'insert' | 'delete'; text: string }[];
}

const shown = (v: unknown) => (v === null || v === undefined || (Array.isArray(v) && !v.length) || v === '' ? t.flow.empty : Array.isArray(v) ? v.join('; ') : String(v));

export function DiffView({ changes }: { changes: FieldDiff[] }) {
  if (!changes.length) return <p class="muted">{t.flow.noChanges}</p>;
  return (
    <dl class="diff">
      {changes.map((c) => (
        <div key={c.field}>
          <dt>{t.flow.fields[c.field] ?? c.field}</dt>
          <dd class={c.field === 'body' ? 'diff-text long' : 'diff-text'} {...(c.field === 'body' ? { tabIndex: 0 } : {})}>
            {c.changes ? (
              c.changes.map((run, i) =>
                run.op === 'equal' ? (
                  <span key={i}>{run.text}</span>
                ) : run.op === 'insert' ? (
                  <ins key={i}>
                    <span class="sr-only">[{t.flow.inserted}: </span>
                    {run.text}
                    <span class="sr-only">]</span>
                  </ins>
                ) : (
                  <del key={i}>
                    <span class="sr-only">[{t.flow.deleted}: </span>
                    {run.text}
                    <span class="sr-only">]</span>
                  </del>
                ),
              )
            ) : (
              <>
                <span class="muted">{t.flow.before}:</span> <del>{shown(c.before)}</del> <span class="muted">{t.flow.after}:</span> <ins>{shown(c.after)}</ins>
              </>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
