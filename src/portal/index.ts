// The portal module's public face: the service the app builds and starts, and its routes.
import { PortalService, type PortalDeps } from './service.ts';

export { PortalService };
export type { PortalDeps };
export { portalRoutes, sendErrorPage } from './routes.ts';
export { portalApiRoutes } from './api-routes.ts';
export { portalFastPath } from './fast-path.ts';

/** The portal's services: one, which holds the catalog, the page cache, views and votes. */
export function createPortal(o: PortalDeps) {
  return { portal: new PortalService(o) };
}
export { subscribePortal } from './subscribe.ts';
