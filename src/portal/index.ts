// The portal module's public face: the service the app builds and starts, and its routes.
import { PortalService, type PortalDeps } from './service.ts';

export { PortalService };
export type { PortalDeps };
export { portalRoutes, sendErrorPage } from './routes.ts';
export { portalApiRoutes } from './api-routes.ts';
export { portalFastPath } from './fast-path.ts';
// What other modules' public pages use to be portal pages (the appeals pages): the frame, the
// escaping template, the visitor's settings, sending with the portal's headers.
export { page, type PageMeta, type Visitor } from './layout.ts';
export { html, raw, Html } from './html.ts';
export { sendPage, PRIVATE } from './http-cache.ts';
export { render, type Rendered } from './page-cache.ts';
export { visitorOf } from './routes.ts';

/** The portal's services: one, which holds the catalog, the page cache, views and votes. */
export function createPortal(o: PortalDeps) {
  return { portal: new PortalService(o) };
}
export { subscribePortal } from './subscribe.ts';
