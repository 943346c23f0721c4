// Going on a break says why: the reasons as codes the API and the supervisor's view share
// (web/shared/codes-ru.ts), chosen with the mouse or by their digit; Esc closes the list.
import { useLayoutEffect, useRef } from 'preact/hooks';
import { breakReasons, ru } from '../shared/codes-ru.ts';
import { t } from './strings.ts';

/** The reasons offered, in the order of the digits that choose them. */
export const BREAK_REASONS = ['rest', 'lunch', 'training', 'meeting', 'technical'] as const;

export function BreakMenu(props: { onChoose: (reason: string) => void; onClose: () => void }) {
  const list = useRef<HTMLDivElement>(null);
  // (at once with the list drawn: a digit typed right after F3 must choose, not slip past)
  useLayoutEffect(() => {
    list.current?.querySelector('button')?.focus();
    const onKey = (e: KeyboardEvent) => {
      const n = Number(e.key);
      if (e.key === 'Escape') props.onClose();
      else if (Number.isInteger(n) && n >= 1 && n <= BREAK_REASONS.length) props.onChoose(BREAK_REASONS[n - 1]!);
      else return;
      e.preventDefault();
      e.stopPropagation();
    };
    // (before the workstation's keys: a digit here is a choice, Esc closes only this)
    document.addEventListener('keydown', onKey, true);
    return () => document.removeEventListener('keydown', onKey, true);
  }, []);
  return (
    <div class="break-menu" role="group" aria-label={t.breakReason} ref={list}>
      <p>{t.breakReason}</p>
      {BREAK_REASONS.map((r, i) => (
        <button key={r} type="button" class="secondary" onClick={() => props.onChoose(r)}>
          <kbd>{i + 1}</kbd> {ru(breakReasons, r)}
        </button>
      ))}
      <button type="button" class="link" onClick={props.onClose}>
        {t.cancelBreak} <kbd>Esc</kbd>
      </button>
    </div>
  );
}
