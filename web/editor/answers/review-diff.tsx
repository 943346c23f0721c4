// The version in review against the published one (GET …/diff, word by word); a first version has
// nothing to compare with and is read whole in the form.
import { useEffect, useState } from 'preact/hooks';
import { get } from '../../shared/api.ts';
import { t } from '../strings.ts';
import { DiffView, type FieldDiff } from './diff-view.tsx';

/** plain: between any two versions (the history), not the review's published → in review. */
export function ReviewDiff({ slug, from, to, plain = false }: { slug: string; from: number | null; to: number; plain?: boolean }) {
  const [diff, setDiff] = useState<{ changes: FieldDiff[] } | { error: string } | null>(null);
  useEffect(() => {
    if (from === null) return;
    setDiff(null);
    void get('/api/v1/kb/answers/{slug}/diff', { path: { slug }, query: { from, to } }).then((r) => setDiff(r.ok ? { changes: r.body.changes } : { error: r.message }));
  }, [slug, from, to]);
  return (
    <section class="review-diff" aria-label={plain ? t.history.between(from ?? 0, to) : t.flow.diffTitle(from, to)}>
      {!plain && <h3>{t.flow.diffTitle(from, to)}</h3>}
      {from === null ? null : diff === null ? <p class="muted">{t.loading}</p> : 'error' in diff ? <p class="error">{diff.error}</p> : <DiffView changes={diff.changes} />}
    </section>
  );
}
