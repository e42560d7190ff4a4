export { listAssignableAgents } from './agent-repository.js';
export { conversationRoutes } from './conversation-routes.js';
export { getClientConversation } from './get-client-conversation.js';
export { getConversation } from './get-conversation.js';
export { listDeskConversations } from './list-desk-conversations.js';
export { postMessage } from './post-message.js';
export { type IncomingMessage, type ReceivedMessage, receiveIncomingMessage } from './receive-incoming-message.js';
export { searchClientHistory } from './search-client-history.js';
export { updateConversation } from './update-conversation.js';
