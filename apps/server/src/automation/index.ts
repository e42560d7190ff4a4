export type { AutomationEvent } from './automation-event.js';
export { automationRoutes } from './automation-routes.js';
export { type AutomationSeams, installAutomationSeams } from './automation-seams.js';
export { type AutomationResult, runAutomations } from './run-automations.js';
export { seedAgencyAutomation, seedAutomation } from './seed-automation.js';
