export type { AutomationEvent } from './automation-event.js';
export { automationRoutes } from './automation-routes.js';
export { type AutomationDeps, automationSubscriber } from './automation-subscriber.js';
export { seedAgencyAutomation, seedAutomation } from './seed-automation.js';
