import { Channel, ConversationStatus, Priority } from '@switchboard/contracts';
import { z } from 'zod';
import type { ConversationFilters } from '../api/conversations-api';

/** Desk filters live in the URL so a view can be bookmarked, shared and survives reload. */
export const DeskSearch = z.object({
  clientId: z.uuid().optional().catch(undefined),
  /** Absent means the default view: open conversations. */
  status: z
    .union([ConversationStatus, z.literal('any')])
    .optional()
    .catch(undefined),
  assignee: z
    .union([z.uuid(), z.enum(['me', 'none'])])
    .optional()
    .catch(undefined),
  channel: Channel.optional().catch(undefined),
  priority: Priority.optional().catch(undefined),
  q: z.string().max(200).optional().catch(undefined),
  /** Absent means the server's default: SLA due first for unresolved lists, newest first otherwise. */
  sort: z.enum(['sla', 'waiting', 'recent']).optional().catch(undefined),
});
export type DeskSearch = z.infer<typeof DeskSearch>;

export const toConversationFilters = (search: DeskSearch): ConversationFilters => {
  const status = search.status ?? 'open';
  return {
    clientId: search.clientId,
    status: status === 'any' ? undefined : status,
    assignee: search.assignee,
    channel: search.channel,
    priority: search.priority,
    q: search.q?.trim() || undefined,
    sort: search.sort,
  };
};
