import {
  AssignableAgent,
  ConversationDetail,
  type ConversationListQuery,
  ConversationSummary,
  Message,
  type PostMessageRequest,
  page,
  type UpdateConversationRequest,
} from '@switchboard/contracts';
import { z } from 'zod';
import { api, toQueryString } from './client';

export type ConversationFilters = Omit<ConversationListQuery, 'cursor' | 'limit'>;

const ConversationPage = page(ConversationSummary);
export type ConversationPage = z.infer<typeof ConversationPage>;

export const listConversations = (filters: ConversationFilters, cursor: string | undefined, signal?: AbortSignal) =>
  api(`/conversations${toQueryString({ ...filters, cursor, limit: 50 })}`, ConversationPage, { signal });

export const getConversation = (id: string, signal?: AbortSignal) =>
  api(`/conversations/${encodeURIComponent(id)}`, ConversationDetail, { signal });

export const updateConversation = (id: string, change: UpdateConversationRequest) =>
  api(`/conversations/${encodeURIComponent(id)}`, ConversationDetail, { method: 'PATCH', body: change });

export const postMessage = (id: string, message: PostMessageRequest) =>
  api(`/conversations/${encodeURIComponent(id)}/messages`, Message, { method: 'POST', body: message });

export const listAssignableAgents = (clientId: string) =>
  api(`/clients/${encodeURIComponent(clientId)}/agents`, z.array(AssignableAgent));
