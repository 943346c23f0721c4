// Regions' IVR menus (GET /api/v1/regions/{code}/ivr-menu), kept in memory and refreshed every
// minute, so a call never waits for otvet once its region has been asked about; the first call of a
// region waits for the first answer (a few seconds at most). When otvet cannot be asked, the last menu known serves; with
// none, a menu without items (the caller goes straight to the general queue). Each menu's prompt is
// built as soon as the menu is known, so the first caller does not wait for it either.
import type { Logger } from '../../platform/logger.ts';
import type { IvrMenu as OtvetMenu } from '../otvet/api.ts';
import type { IvrMenu } from './call-inputs.ts';
import type { PromptFiles } from './prompt-files.ts';

/** While otvet has never answered for a region: no menu, the general queue. */
const NO_MENU: IvrMenu = { timeoutSeconds: 10, items: [] };

/** otvet's menu as the call core takes it: digits 0–9 only (the core's items are numbered keys). */
export function coreMenu(m: OtvetMenu): IvrMenu {
  const items = m.items.filter((i) => /^[0-9]$/.test(i.digit)).map((i) => ({ digit: Number(i.digit), section: i.section }));
  return { greeting: m.greeting !== null && m.greeting !== undefined && m.greeting !== '', timeoutSeconds: m.timeoutSeconds, items };
}

export interface MenuCacheOptions {
  fetch(region: string): Promise<OtvetMenu>;
  prompts?: PromptFiles;
  logger: Logger;
  /** Default one minute. */
  refreshEveryMs?: number;
  /** The longest a call waits for a region's first menu (default 3 s); then NO_MENU, and the answer is kept when it comes. */
  firstWaitMs?: number;
}

export class MenuCache {
  private readonly menus = new Map<string, IvrMenu>();
  private readonly asking = new Map<string, Promise<IvrMenu>>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly opts: MenuCacheOptions) {}

  /** The region's menu: the one held, or otvet's first answer (NO_MENU, or the last known, when it fails). */
  get(region: string): Promise<IvrMenu> {
    const held = this.menus.get(region);
    if (held) return Promise.resolve(held);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<IvrMenu>((resolve) => (timer = setTimeout(() => resolve(NO_MENU), this.opts.firstWaitMs ?? 3000)));
    return Promise.race([this.ask(region), late]).finally(() => clearTimeout(timer));
  }

  /** Refreshes every region asked about so far, every minute, until stop(). */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      for (const region of this.menus.keys()) void this.ask(region);
    }, this.opts.refreshEveryMs ?? 60_000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private ask(region: string): Promise<IvrMenu> {
    let pending = this.asking.get(region);
    if (pending) return pending;
    pending = this.opts
      .fetch(region)
      .then(async (m) => {
        const menu = coreMenu(m);
        this.menus.set(region, menu);
        await this.opts.prompts
          ?.plan([{ name: 'greeting' }, { name: 'menu', items: menu.items }])
          .catch((err: unknown) => this.opts.logger.warn({ err, region }, 'the menu prompt could not be built'));
        return menu;
      })
      .catch((err: unknown) => {
        const last = this.menus.get(region);
        this.opts.logger.warn({ err: String(err), region, kept: last !== undefined }, 'the region’s IVR menu could not be read from otvet');
        return last ?? NO_MENU;
      })
      .finally(() => this.asking.delete(region));
    this.asking.set(region, pending);
    return pending;
  }
}
