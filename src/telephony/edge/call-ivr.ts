// The start of a call: refused by admission control, or answered and `offered`; then the greeting
// and the region's menu, a key choosing a topic (`ivr_choice`, `queued`), a wrong key the menu
// again, no key in the menu's time the general queue. While otvet is unreachable a new caller hears
// "call later" instead, and the call's events are still reported (the reporter keeps them until
// otvet is back).
import type { Prompt } from './call-actions.ts';
import type { InviteInput } from './call-inputs.ts';
import { DEFAULT_TIMING } from './call-inputs.ts';
import type { Effects } from './call-effects.ts';
import { forget } from './call-end.ts';
import { enqueue, toUnavailable } from './call-waiting.ts';

/** Wrong keys in a row before the caller goes to the general queue anyway. */
export const MAX_INVALID_DIGITS = 3;

/** Until the menu has been played (prompt_done), the menu's time plus this much for the prompts themselves. */
export const MENU_PLAY_ALLOWANCE_MS = 90_000;

const menuPrompt = (fx: Effects): Prompt => ({ name: 'menu', items: fx.call.menu.items.map((i) => ({ ...i })) });

/** The IVR timer while the menu is still playing: its length is unknown here, so generous. */
const whileMenuPlays = (fx: Effects) => fx.setTimer('ivr', fx.call.menu.timeoutSeconds * 1000 + MENU_PLAY_ALLOWANCE_MS);

export function onInvite(fx: Effects, input: InviteInput): void {
  const c = fx.call;
  if (c.phase !== 'idle') return;
  Object.assign(c, {
    callId: input.callId,
    region: input.region,
    caller: input.caller,
    dialled: input.dialled,
    menu: { ...input.menu, items: input.menu.items.map((i) => ({ ...i })) },
    timing: { ...(input.timing ?? DEFAULT_TIMING) },
    otvetReachable: input.otvetReachable,
  });
  if (input.refused) {
    // Never offered: otvet does not hear of calls the edge could not take (its metrics count them).
    fx.push({ type: 'reject', status: 503, retryAfterSeconds: input.refused.retryAfterSeconds });
    return forget(fx);
  }
  fx.push({ type: 'answer' });
  c.callerUp = true;
  fx.report('offered', { region: c.region, caller: c.caller, dialled: c.dialled });
  if (!c.otvetReachable) return toUnavailable(fx);
  const greeting: Prompt[] = c.menu.greeting === false ? [] : [{ name: 'greeting' }];
  if (!c.menu.items.length) return enqueue(fx, null, greeting);
  c.phase = 'ivr';
  fx.play(...greeting, menuPrompt(fx));
  whileMenuPlays(fx);
}

/** A key in the IVR. */
export function onIvrDigit(fx: Effects, digit: string): void {
  const c = fx.call;
  const item = c.menu.items.find((i) => String(i.digit) === digit);
  if (item) return enqueue(fx, item.section);
  if (++c.invalidDigits >= MAX_INVALID_DIGITS) return enqueue(fx, null);
  fx.play({ name: 'menu_invalid' }, menuPrompt(fx));
  whileMenuPlays(fx);
}

/** The menu has been played: the caller has the menu's time to choose. */
export function onMenuPlayed(fx: Effects): void {
  fx.setTimer('ivr', fx.call.menu.timeoutSeconds * 1000);
}

/** No key in time: the general queue, without a topic. */
export function onIvrTimeout(fx: Effects): void {
  enqueue(fx, null);
}
