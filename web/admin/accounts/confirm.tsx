// Asking before an act that cannot be taken back (revoking a token, resetting a password): a modal
// dialog (the keyboard stays inside, Esc cancels, the safe button has the focus first).
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { a } from './strings.ts';

export function Confirm(p: { title: string; children: ComponentChildren; confirm: string; busy?: boolean; onConfirm: () => void; onCancel: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    cancel.current?.focus();
    return () => d?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      class="confirm"
      aria-labelledby="confirm-title"
      aria-describedby="confirm-text"
      onCancel={(e) => {
        e.preventDefault();
        p.onCancel();
      }}
    >
      <h2 id="confirm-title">{p.title}</h2>
      <div id="confirm-text">{p.children}</div>
      <div class="actions">
        <button type="button" class="secondary danger" disabled={p.busy} onClick={p.onConfirm}>
          {p.confirm}
        </button>
        <button type="button" class="secondary" ref={cancel} onClick={p.onCancel}>
          {a.cancel}
        </button>
      </div>
    </dialog>
  );
}
