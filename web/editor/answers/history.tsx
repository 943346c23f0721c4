// An answer's versions, newest first (who saved each, when, and their note), read when opened;
// each shows what it changed from the one before it (the API's word diff).
import { useState } from 'preact/hooks';
import { get } from '../../shared/api.ts';
import { t } from '../strings.ts';
import type { Version } from './draft.ts';
import { ReviewDiff } from './review-diff.tsx';

/** (the editor keys it by the current version: a save reads the versions again) */
export function History({ slug }: { slug: string }) {
  const [versions, setVersions] = useState<Version[] | { error: string } | null>(null);
  const [shown, setShown] = useState<number | null>(null);
  const load = () => {
    if (versions) return;
    void get('/api/v1/kb/answers/{slug}/versions', { path: { slug } }).then((r) => setVersions(r.ok ? r.body.items : { error: r.message }));
  };
  return (
    <details class="card history" onToggle={(e) => (e.currentTarget as HTMLDetailsElement).open && load()}>
      <summary>{t.history.title}</summary>
      {versions === null ? (
        <p class="muted">{t.loading}</p>
      ) : 'error' in versions ? (
        <p class="error">{versions.error}</p>
      ) : (
        <ol class="plain">
          {versions.map((v) => (
            <li key={v.version}>
              <strong>{t.history.version(v.version)}</strong> · <time dateTime={v.createdAt}>{t.dateTime(v.createdAt)}</time>
              {v.createdBy ? ` · ${v.createdBy}` : ''}
              {v.note && <div class="small">{v.note}</div>}
              {v.version > 1 && (
                <button type="button" class="link" aria-expanded={shown === v.version} onClick={() => setShown(shown === v.version ? null : v.version)}>
                  {t.history.changes(v.version)}
                </button>
              )}
              {shown === v.version && <ReviewDiff slug={slug} from={v.version - 1} to={v.version} plain />}
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}
