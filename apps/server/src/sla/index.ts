export { applySlaChange, type SlaChangeInput } from './apply-sla-change.js';
export { slaSummaryOf, slaTargetsOf } from './conversation-sla.js';
export { isClientOpen, isOpenAt } from './is-client-open.js';
export {
  type RecordedSlaEvent,
  raiseSlaEvents,
  recordSlaEvent,
  type SlaEventInput,
  slaConversationEvent,
  slaDeskEvents,
} from './record-sla-event.js';
export { slaRoutes } from './sla-routes.js';
export { startSlaWorker } from './start-sla-worker.js';
