export { clientRoutes } from './client-routes.js';
export { newInboxKey } from './create-inbox.js';
