// An answer's text as the portal shows it (its own Markdown renderer: lists, bold, links; raw HTML
// escaped), with who answers for it and its sources below. Links open in a new tab: following one
// must never take the workstation away from a call.
import { useLayoutEffect, useRef } from 'preact/hooks';
import { markdown } from '../../src/portal/markdown.ts';
import { t } from './strings.ts';

export function AnswerBody({ body, agency, sources }: { body: string; agency?: string | null; sources?: { title: string; url: string }[] }) {
  const root = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    for (const a of root.current?.querySelectorAll('a[href]') ?? []) {
      a.setAttribute('target', '_blank');
      a.setAttribute('rel', 'noopener noreferrer');
    }
  }, [body, agency, sources]);
  return (
    <div ref={root}>
      {/* (safe: the renderer escapes raw HTML; this is the markup the portal itself serves) */}
      <div class="body" dangerouslySetInnerHTML={{ __html: markdown(body).value }} />
      {(agency || (sources && sources.length > 0)) && (
        <div class="answer-sources">
          {agency && (
            <p>
              {t.agency} <strong>{agency}</strong>
            </p>
          )}
          {sources && sources.length > 0 && (
            <>
              <h3>{t.sources}</h3>
              <ul>
                {sources.map((x) => (
                  <li key={x.url + x.title}>
                    <a href={x.url}>{x.title}</a>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </div>
  );
}
