// The portal module's public face: the service the app builds and starts, and its routes.
export { PortalService } from './service.ts';
export { portalRoutes, sendErrorPage } from './routes.ts';
export { portalApiRoutes } from './api-routes.ts';
export { portalFastPath } from './fast-path.ts';
export { subscribePortal } from './subscribe.ts';
