export { acmeSlaPolicy, golestanSlaPolicy } from './demo-sla-policies.js';
export { isClientOpen, isOpenAt } from './is-client-open.js';
export { slaKeeper } from './keep-sla.js';
export {
  type RecordedSlaEvent,
  raiseSlaEvents,
  recordSlaEvent,
  type SlaEventInput,
  slaConversationEvent,
  slaDeskEvents,
} from './record-sla-event.js';
export { planDemoSla } from './seed-demo-sla.js';
export { slaRoutes } from './sla-routes.js';
export { startSlaWorker } from './start-sla-worker.js';
