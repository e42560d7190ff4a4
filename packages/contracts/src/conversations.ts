import { z } from 'zod';
import { Channel, ConversationStatus, Id, Priority, Tier } from './common.js';
import { ConversationSlaSummary, ConversationSlaTarget } from './sla.js';

export const ClientRef = z.object({ id: Id, name: z.string(), slug: z.string() });
export const AgentRef = z.object({ id: Id, name: z.string() });
export const ContactRef = z.object({
  id: Id,
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
});

export const ConversationSummary = z.object({
  id: Id,
  /** Per-client display number: "Acme #1234". */
  number: z.number().int(),
  client: ClientRef,
  channel: Channel,
  subject: z.string(),
  contact: ContactRef,
  status: ConversationStatus,
  priority: Priority,
  tier: z.number().int(),
  assignee: AgentRef.nullable(),
  flags: z.array(z.string()),
  tags: z.array(z.string()),
  waitingSince: z.string().nullable(),
  lastMessageAt: z.string(),
  preview: z.string(),
  createdAt: z.string(),
  /** The next SLA target due; null when the client has no SLA or nothing is owed. */
  sla: ConversationSlaSummary.nullable(),
});
export type ConversationSummary = z.infer<typeof ConversationSummary>;

export const ConversationListQuery = z.strictObject({
  clientId: Id.optional(),
  status: ConversationStatus.optional(),
  /** An agent id, `me`, or `none` for unassigned. */
  assignee: z.union([Id, z.enum(['me', 'none'])]).optional(),
  channel: Channel.optional(),
  priority: Priority.optional(),
  q: z.string().trim().max(200).optional(),
  /** `sla`: next SLA due first (the default for unresolved lists); `waiting`: longest wait first; `recent`: newest first. */
  sort: z.enum(['sla', 'waiting', 'recent']).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type ConversationListQuery = z.infer<typeof ConversationListQuery>;

export const MessageKind = z.enum(['incoming', 'outgoing', 'note', 'activity']);
export type MessageKind = z.infer<typeof MessageKind>;
export const AuthorType = z.enum(['contact', 'agent', 'client_user', 'system']);

export const Attachment = z.object({
  id: Id,
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int(),
});

export const Message = z.object({
  id: Id,
  conversationId: Id,
  kind: MessageKind,
  author: z.object({ type: AuthorType, id: Id.nullable(), name: z.string() }),
  bodyText: z.string(),
  /** Sanitised on the server; safe to render. */
  bodyHtml: z.string().nullable(),
  visibleToClient: z.boolean(),
  /** For activity entries: what changed, e.g. `{ action: 'status', from: 'open', to: 'resolved' }`. */
  activity: z.record(z.string(), z.unknown()).nullable(),
  attachments: z.array(Attachment),
  createdAt: z.string(),
});
export type Message = z.infer<typeof Message>;

export const ConversationDetail = ConversationSummary.extend({
  inbox: z.object({ id: Id, name: z.string() }),
  firstResponseAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  slaTargets: z.array(ConversationSlaTarget),
  messages: z.array(Message),
  /** The customer's other conversations with the same client, newest first. */
  otherConversations: z.array(
    ConversationSummary.pick({
      id: true,
      number: true,
      subject: true,
      status: true,
      channel: true,
      lastMessageAt: true,
    }),
  ),
});
export type ConversationDetail = z.infer<typeof ConversationDetail>;

export const PostMessageRequest = z.strictObject({
  kind: z.enum(['reply', 'note']),
  body: z.string().trim().min(1).max(50_000),
  /** Only for notes: show this note to the client in its portal. */
  visibleToClient: z.boolean().default(false),
});
export type PostMessageRequest = z.infer<typeof PostMessageRequest>;

export const UpdateConversationRequest = z
  .strictObject({
    status: ConversationStatus.optional(),
    priority: Priority.optional(),
    assigneeId: Id.nullable().optional(),
    tier: Tier.optional(),
    flags: z.array(z.string().max(40)).max(20).optional(),
    tags: z.array(z.string().max(40)).max(20).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'Nothing to change');
export type UpdateConversationRequest = z.infer<typeof UpdateConversationRequest>;

export const AssignableAgent = z.object({ id: Id, name: z.string(), tier: z.number().int() });
