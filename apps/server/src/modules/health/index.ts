// The health module's public face: app.ts imports from here only.

export { healthRoutes } from './health.routes.ts';
