import {
  type EscalateRequest,
  Escalation,
  EscalationDocument,
  EscalationDraft,
  EscalationSettings,
  PortalEscalation,
  type UpdateEscalationSettingsRequest,
} from '@switchboard/contracts';
import { z } from 'zod';
import { api, toQueryString, uploadFile } from '../api/client';

export type PortalEscalationFilter = 'open' | 'overdue' | 'answered' | undefined;

/** Cache keys of the escalation screens; live events invalidate `escalationKeys.all`. */
export const escalationKeys = {
  all: ['escalations'] as const,
  ofConversation: (conversationId: string) => ['escalations', 'conversation', conversationId] as const,
  draft: (conversationId: string) => ['escalations', 'draft', conversationId] as const,
  portalList: (state: PortalEscalationFilter) => ['escalations', 'portal', state ?? 'all'] as const,
  portalOne: (id: string) => ['escalations', 'portal-one', id] as const,
  settings: (clientId: string) => ['escalations', 'settings', clientId] as const,
};

export const listConversationEscalations = (conversationId: string, signal?: AbortSignal) =>
  api(`/conversations/${conversationId}/escalations`, z.array(Escalation), { signal });

export const getEscalationDraft = (conversationId: string, signal?: AbortSignal) =>
  api(`/conversations/${conversationId}/escalation-draft`, EscalationDraft, { signal });

export const escalate = (conversationId: string, body: EscalateRequest) =>
  api(`/conversations/${conversationId}/escalations`, Escalation, { method: 'POST', body });

/** A document for the customer; `onProgress` hears the share sent so far (0–1). */
export const uploadEscalationDocument = (conversationId: string, file: File, onProgress: (fraction: number) => void) =>
  uploadFile(
    `/conversations/${conversationId}/escalation-documents${toQueryString({ name: file.name })}`,
    file,
    EscalationDocument,
    onProgress,
  );

export const relayAnswer = (escalationId: string, body: string) =>
  api(`/escalations/${escalationId}/relay`, Escalation, { method: 'POST', body: { body } });

export const listPortalEscalations = (state: PortalEscalationFilter, signal?: AbortSignal) =>
  api(`/portal/escalations${toQueryString({ state })}`, z.array(PortalEscalation), { signal });

export const getPortalEscalation = (id: string, signal?: AbortSignal) =>
  api(`/portal/escalations/${id}`, PortalEscalation, { signal });

export const answerEscalation = (id: string, answer: string) =>
  api(`/portal/escalations/${id}/answer`, PortalEscalation, { method: 'POST', body: { answer } });

export const getEscalationSettings = (clientId: string, signal?: AbortSignal) =>
  api(`/clients/${clientId}/escalation-settings`, EscalationSettings, { signal });

export const updateEscalationSettings = (clientId: string, body: UpdateEscalationSettingsRequest) =>
  api(`/clients/${clientId}/escalation-settings`, EscalationSettings, { method: 'PUT', body });
