// The body as the portal shows it: the portal's own Markdown renderer (src/portal/markdown.ts:
// markdown-it, raw HTML off, so whatever an editor types is escaped), bundled into the app, with
// the portal's answer styles (style.css, .portal-answer). Redrawn as one types, a moment after the
// last key so a long body does not slow typing.
import { useEffect, useState } from 'preact/hooks';
import { markdown } from '../../../src/portal/markdown.ts';
import { t } from '../strings.ts';

export function Preview({ title, body }: { title: string; body: string }) {
  const [shown, setShown] = useState({ title, body });
  useEffect(() => {
    const timer = setTimeout(() => setShown({ title, body }), 150);
    return () => clearTimeout(timer);
  }, [title, body]);
  return (
    <section class="preview" aria-labelledby="preview-h">
      <h2 id="preview-h">{t.editor.preview}</h2>
      {/* (focusable: a long preview scrolls, and the keyboard must be able to scroll it) */}
      <div class="portal-answer" tabIndex={0} role="region" aria-labelledby="preview-h">
        <p class="portal-title">{shown.title}</p>
        {shown.body.trim() ? (
          // (safe: the renderer escapes raw HTML; this is the markup the portal itself serves)
          <div class="answer" dangerouslySetInnerHTML={{ __html: markdown(shown.body).value }} />
        ) : (
          <p class="muted">{t.editor.previewEmpty}</p>
        )}
      </div>
    </section>
  );
}
