export { listAssignableAgents } from './agent-repository.js';
export { type AppendedEntry, appendTimelineEntries, type TimelineEntry } from './append-timeline-entries.js';
export { applyConversationChanges, type ChangeActor } from './apply-conversation-changes.js';
export {
  type Assignment,
  assignConversations,
  fillConversationLanguages,
  type ReleasedAssignment,
  type ReleasedWork,
  releaseWaitingConversations,
} from './assignment-repository.js';
export { buildSearchDocuments } from './build-search-documents.js';
export {
  type ConversationEvent,
  type ConversationSubscriber,
  createReactions,
  type KeptSla,
  type OutgoingReply,
  type Reaction,
  type Reactions,
  type ReplyChannel,
  replyChannelOf,
  type SlaChangeInput,
  type SlaDecision,
  type SlaKeeper,
  untrackedSla,
} from './conversation-events.js';
export { type ConversationRow, findConversationRow } from './conversation-repository.js';
export { conversationRoutes } from './conversation-routes.js';
export { returnToQueue, setDeskFlag } from './conversation-state-repository.js';
export { escalateTier } from './escalate-tier.js';
export { getClientConversation } from './get-client-conversation.js';
export { getConversation } from './get-conversation.js';
export type { IncomingMessage, ReceivedMessage } from './incoming-message.js';
export { listDeskConversations } from './list-desk-conversations.js';
export { languageOfText } from './message-language.js';
export {
  insertQuietMessage,
  insertSystemNotice,
  type MessageRow,
  type QuietMessage,
  recordMessageDelivery,
  visibleToClient,
} from './message-repository.js';
export { postMessage, type StoredAttachment, type WrittenMessage, writeMessage } from './post-message.js';
export { receiveIncomingMessage } from './receive-incoming-message.js';
export { receiveIncomingMessages } from './receive-incoming-messages.js';
export { type AnsweredCall, recordAnsweredCall } from './record-answered-call.js';
export { reopenForCallback } from './reopen-for-callback.js';
export { searchClientHistory } from './search-client-history.js';
export {
  type ConversationSlaRow,
  conversationSlaColumns,
  type SlaState,
  saveSlaStates,
  setNextSlaTimers,
} from './sla-state-repository.js';
export { startSearchBackfill } from './start-search-backfill.js';
export { updateConversation } from './update-conversation.js';
