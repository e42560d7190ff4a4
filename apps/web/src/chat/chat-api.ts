import { ChatDetail } from '@switchboard/contracts';
import { z } from 'zod';
import { api } from '../api/client';

/** Under the conversation's key, so anything that refreshes the conversation refreshes this too. */
export const chatDetailKey = (conversationId: string) => ['conversation', conversationId, 'chat'] as const;

const chatUrl = (conversationId: string) => `/conversations/${encodeURIComponent(conversationId)}/chat`;

export const getChatDetail = (conversationId: string, signal?: AbortSignal) =>
  api(chatUrl(conversationId), ChatDetail, { signal });

export const sendAgentTyping = (conversationId: string, on: boolean) =>
  api(`${chatUrl(conversationId)}/typing`, z.unknown(), { method: 'POST', body: { on } });

export const markChatRead = (conversationId: string) =>
  api(`${chatUrl(conversationId)}/read`, z.unknown(), { method: 'POST' });

export const escalateChat = (conversationId: string) =>
  api(`${chatUrl(conversationId)}/escalate`, ChatDetail, { method: 'POST' });
