import {
  ConversationDetail,
  type EscalateTierRequest,
  type Presence,
  PresenceState,
  QueueBoard,
  RoutingSettings,
  type UpdateRoutingSettingsRequest,
} from '@switchboard/contracts';
import { api } from '../api/client';

const id = encodeURIComponent;

export const getPresence = () => api('/me/presence', PresenceState);
export const setPresence = (presence: Presence) =>
  api('/me/presence', PresenceState, { method: 'PUT', body: { presence } });
export const getQueueBoard = () => api('/routing/board', QueueBoard);
export const getRoutingSettings = (clientId: string) => api(`/clients/${id(clientId)}/routing`, RoutingSettings);
export const updateRoutingSettings = (clientId: string, body: UpdateRoutingSettingsRequest) =>
  api(`/clients/${id(clientId)}/routing`, RoutingSettings, { method: 'PUT', body });
export const escalateTier = (conversationId: string, body: EscalateTierRequest) =>
  api(`/conversations/${id(conversationId)}/escalate-tier`, ConversationDetail, { method: 'POST', body });
