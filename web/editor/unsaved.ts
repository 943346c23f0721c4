// Unsaved changes: the open form says whether it has any; leaving the page (closing, reloading)
// or the form (another place in the app) asks first.
let dirty = false;

addEventListener('beforeunload', (e) => {
  if (!dirty) return;
  e.preventDefault();
  // (older browsers show the dialog only when returnValue is set)
  e.returnValue = '';
});

/** The open form tells whether what is on screen differs from what is saved. */
export function setUnsaved(value: boolean): void {
  dirty = value;
}

/** True when one may leave: nothing unsaved, or the person said so. */
export function confirmLeaving(message = 'Есть несохранённые изменения. Уйти без сохранения?'): boolean {
  if (!dirty) return true;
  if (!confirm(message)) return false;
  dirty = false;
  return true;
}
