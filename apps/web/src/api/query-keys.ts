import type { ConversationFilters } from './conversations-api';
import type { PortalFilters } from './portal-api';

/** One place for cache keys, so live events can invalidate exactly what they touch. */
export const queryKeys = {
  me: ['me'] as const,
  conversationLists: ['conversations'] as const,
  conversationList: (filters: ConversationFilters) => ['conversations', filters] as const,
  conversation: (id: string) => ['conversation', id] as const,
  assignableAgents: (clientId: string) => ['assignable-agents', clientId] as const,
  clients: ['clients'] as const,
  agencyUsers: ['agency-users'] as const,
  clientUsers: (clientId: string) => ['client-users', clientId] as const,
  inboxes: (clientId: string) => ['inboxes', clientId] as const,
  slaPolicy: (clientId: string) => ['sla-policy', clientId] as const,
  portalLists: ['portal-conversations'] as const,
  portalList: (filters: PortalFilters) => ['portal-conversations', filters] as const,
  portalConversations: ['portal-conversation'] as const,
  portalConversation: (number: number) => ['portal-conversation', number] as const,
  emailOfMessage: (messageId: string) => ['email-message', messageId] as const,
  emailSource: (messageId: string) => ['email-source', messageId] as const,
  emailHtmlWithImages: (messageId: string) => ['email-html-with-images', messageId] as const,
  mailCatcher: ['mail-catcher'] as const,
  unmatchedBounces: ['unmatched-bounces'] as const,
  caughtEmail: (caughtId: string) => ['mail-catcher', caughtId] as const,
  emailSettings: (inboxId: string) => ['email-settings', inboxId] as const,
  imapMailboxes: ['imap-mailboxes'] as const,
  queueBoard: ['queue-board'] as const,
  presence: ['presence'] as const,
  routingSettings: (clientId: string) => ['routing-settings', clientId] as const,
};
