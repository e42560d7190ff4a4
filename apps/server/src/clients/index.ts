export { emailTaken, findClient } from './client-repository.js';
export { clientRoutes } from './client-routes.js';
export { newInboxKey } from './create-inbox.js';
