// The workstation's keys: F2 ready, F3 break, F4 answer, F6 mute, F7 hold, F8 hang up, F9 transfer,
// F10 appeal, Alt+N the navigator (by the key's place: the Russian layout too), «/» the search box
// (outside a text field). The workstation gives the actions that make sense now; a key without one
// does nothing (F2 and F3 are still kept from the browser: F3 would open its find bar).
import { useEffect, useRef } from 'preact/hooks';

export type DeskKey = 'F2' | 'F3' | 'F4' | 'F6' | 'F7' | 'F8' | 'F9' | 'F10' | 'Alt+N' | '/';

const ALWAYS_KEPT = ['F2', 'F3', 'F10'];

/** Whether the key went to a place where text is typed (where «/» is a character). */
export function typingIn(target: EventTarget | null): boolean {
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement || (target instanceof HTMLElement && target.isContentEditable);
}

function keyOf(e: KeyboardEvent): DeskKey | null {
  if (e.altKey && e.code === 'KeyN') return 'Alt+N';
  if (e.key === '/') return typingIn(e.target) || e.ctrlKey || e.metaKey || e.altKey ? null : '/';
  return /^F([2-46-9]|10)$/.test(e.key) ? (e.key as DeskKey) : null;
}

/**
 * actions: read at each key press (the latest render's), so a handler never acts on stale state:
 * kept in a ref set while rendering, not by an effect, which runs only after the screen is painted
 * (a key pressed in between, say F3 just as «Нет связи» shows, would find the render before's).
 */
export function useDeskKeys(actions: Partial<Record<DeskKey, () => void>>): void {
  const latest = useRef(actions);
  latest.current = actions;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const key = keyOf(e);
      if (!key) return;
      const run = latest.current[key];
      if (!run && !ALWAYS_KEPT.includes(key)) return;
      e.preventDefault();
      run?.();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
