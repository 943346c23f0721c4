// Asking once more before a step that cannot be undone: a modal dialog (the keyboard kept inside,
// Esc cancels), the safe choice first in focus.
import { useEffect, useRef } from 'preact/hooks';
import { t } from './strings.ts';

export function ConfirmDialog({ text, onYes, onNo }: { text: string; onYes: () => void; onNo: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      class="ag-dialog"
      aria-labelledby="ag-confirm-h"
      aria-describedby="ag-confirm-text"
      onCancel={(e) => {
        e.preventDefault();
        onNo();
      }}
    >
      <h2 id="ag-confirm-h">{t.actions.confirm}</h2>
      <p id="ag-confirm-text">{text}</p>
      <div class="ag-buttons">
        <button type="button" class="secondary" autoFocus onClick={onNo}>
          {t.actions.cancel}
        </button>
        <button type="button" onClick={onYes}>
          {t.actions.yes}
        </button>
      </div>
    </dialog>
  );
}
