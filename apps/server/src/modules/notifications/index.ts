// The notifications module's public face: other modules import from here only.

export { notificationRoutes } from './notifications.routes.ts';
export { notify } from './notifications.ts';
