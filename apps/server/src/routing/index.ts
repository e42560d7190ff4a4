export { chooseAgent } from './choose-agent.js';
export {
  type Decision,
  decideAssignments,
  decideOne,
  type RoutingAgent,
  type WaitingConversation,
} from './decide-assignments.js';
export { createDeskPresence } from './desk-presence.js';
export { hasAgentWithChatRoom } from './presence-repository.js';
export { compareQueued, priorityHeadStartMs } from './queue-order.js';
export { releaseUnanswered } from './release-unanswered.js';
export { type RouteBacklogOptions, type RoutingPass, routeBacklog, routeConversation } from './route-conversation.js';
export { routingRoutes } from './routing-routes.js';
export { jobTimers, type RoutingTimers } from './routing-timers.js';
export { setPresence } from './set-presence.js';
export { startRoutingWorker } from './start-routing-worker.js';
export { sweepPresence } from './sweep-presence.js';
