// What changed between two versions as the API computes it (GET …/diff): text fields word by word
// (insertions and deletions marked, long unchanged stretches cut to their ends, and said for screen readers in hidden words), lists and dates before → after.
import { t } from '../strings.ts';
import type { FieldDiff } from './field-diff.ts';

export type { FieldDiff };

/** Unchanged text longer than this is cut to its ends near the changes: the reviewer reads what changed. */
const KEEP = 160;

function context(text: string, first: boolean, last: boolean): string {
  if (text.length <= KEEP * 2.5) return text;
  const head = first ? '' : text.slice(0, KEEP);
  const tail = last ? '' : text.slice(-KEEP);
  return `${head} … ${tail}`;
}

/** A list item as words: a source is its title and address. */
const item = (x: unknown) => (x && typeof x === 'object' && 'url' in x ? `${String((x as { title?: unknown }).title)} (${String(x.url)})` : String(x));
const shown = (v: unknown) => (v === null || v === undefined || (Array.isArray(v) && !v.length) || v === '' ? t.flow.empty : Array.isArray(v) ? v.map(item).join('; ') : String(v));

export function DiffView({ changes, labels = t.flow.fields }: { changes: FieldDiff[]; labels?: Record<string, string> }) {
  if (!changes.length) return <p class="muted">{t.flow.noChanges}</p>;
  return (
    <dl class="diff">
      {changes.map((c) => (
        <div key={c.field}>
          <dt>{labels[c.field] ?? c.field}</dt>
          <dd class={c.field === 'body' ? 'diff-text long' : 'diff-text'} {...(c.field === 'body' ? { tabIndex: 0 } : {})}>
            {c.changes ? (
              c.changes.map((run, i) =>
                run.op === 'equal' ? (
                  <span key={i}>{context(run.text, i === 0, i === c.changes!.length - 1)}</span>
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
