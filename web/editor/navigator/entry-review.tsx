// The version of an entry in review against the published one: both read from the versions list
// and compared here (entry-diff.ts); a first version is read whole in the form.
import { useEffect, useState } from 'preact/hooks';
import { DiffView, type FieldDiff } from '../answers/diff-view.tsx';
import { t } from '../strings.ts';
import { versionsOf, type Kind } from './entries-api.ts';
import { entryDiff } from './entry-diff.ts';
import { measureLabels, questionLabels } from './strings.ts';

export function EntryReview({ kind, entryKey, from, to }: { kind: Kind; entryKey: string; from: number | null; to: number }) {
  const [diff, setDiff] = useState<FieldDiff[] | { error: string } | null>(null);
  useEffect(() => {
    if (from === null) return;
    void versionsOf(kind, entryKey).then((r) => {
      if (!r.ok) return setDiff({ error: r.message });
      const a = r.body.items.find((v) => v.version === from);
      const b = r.body.items.find((v) => v.version === to);
      setDiff(a && b ? entryDiff(a.content, b.content) : { error: t.problems['kb.version_not_found']! });
    });
  }, [kind, entryKey, from, to]);
  return (
    <section class="review-diff" aria-labelledby="diff-h">
      <h3 id="diff-h">{t.flow.diffTitle(from, to)}</h3>
      {from === null ? null : diff === null ? (
        <p class="muted">{t.loading}</p>
      ) : 'error' in diff ? (
        <p class="error">{diff.error}</p>
      ) : (
        <DiffView changes={diff} labels={kind === 'measure' ? measureLabels : questionLabels} />
      )}
    </section>
  );
}
