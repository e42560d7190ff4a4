export { chatAllowances } from './chat-allowances.js';
export {
  type AgentAvailability,
  alwaysAvailable,
  presenceAvailability,
  withinBusinessHours,
} from './chat-availability.js';
export { chatDeskRoutes } from './chat-desk-routes.js';
export { type ChatGatewayLimits, chatGateway, defaultChatLimits } from './chat-gateway.js';
export { chatReplyChannel } from './chat-reply-channel.js';
export { continueChatByEmail } from './continue-chat-by-email.js';
export { escalateChat } from './escalate-chat.js';
export { identityHash } from './identify-visitor.js';
export { widgetRoutes, widgetScriptRoutes } from './widget-routes.js';
