export {
  escalationAnswered,
  escalationUpdated,
  publishEscalationEvents,
} from './announce-escalation.js';
export {
  defaultEscalationHours,
  type EscalateToClientInput,
  type EscalateToClientResult,
  escalateToClient,
} from './escalate-to-client.js';
export { escalationRoutes } from './escalation-routes.js';
export { defineEscalationTimerJob, startEscalationWorker } from './escalation-timers.js';
export {
  escalationEmailAnswers,
  possibleEscalationReplies,
  receiveEscalationReply,
} from './receive-escalation-reply.js';
export { seedDemoEscalations } from './seed-demo-escalations.js';
