// A secret shown once (a new password, a new token): in a box of its own that takes the focus, with
// a copy button and the warning that it will not be shown again; closed by the person, not by time.
import { useEffect, useRef, useState } from 'preact/hooks';
import { a } from './strings.ts';

export function OnceSecret(p: { title: string; secret: string; warning: string; done: string; onDone: () => void }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState<boolean | null>(null);
  useEffect(() => ref.current?.focus(), []);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(p.secret);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <section class="card once-secret" aria-labelledby="once-secret-title">
      <h2 id="once-secret-title" tabIndex={-1} ref={ref}>
        {p.title}
      </h2>
      <p class="warning">
        <strong>{p.warning}</strong>
      </p>
      <div class="secret-line">
        <code class="secret" data-secret>
          {p.secret}
        </code>
        <button type="button" onClick={() => void copy()}>
          {a.tokens.copy}
        </button>
      </div>
      <p role="status" class={copied === false ? 'error' : 'muted'}>
        {copied === true ? a.tokens.copied : copied === false ? a.tokens.copyFailed : ''}
      </p>
      <div class="actions">
        <button type="button" class="secondary" onClick={p.onDone}>
          {p.done}
        </button>
      </div>
    </section>
  );
}
