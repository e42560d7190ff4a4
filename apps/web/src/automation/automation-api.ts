import {
  ApplyMacroResult,
  AutomationRule,
  AutomationRun,
  type CreateAutomationRuleRequest,
  type CreateMacroRequest,
  DeskNotification,
  Macro,
  type UpdateAutomationRuleRequest,
  type UpdateMacroRequest,
} from '@switchboard/contracts';
import { z } from 'zod';
import { api, apiVoid, toQueryString } from '../api/client';

/** Cache keys of this slice; a live event invalidates `automationKeys.notifications`. */
export const automationKeys = {
  rules: (clientId: string | null) => ['automation-rules', clientId] as const,
  runs: (clientId: string | null) => ['automation-runs', clientId] as const,
  macros: (clientId: string | null) => ['automation-macros', clientId] as const,
  conversationMacros: (conversationId: string) => ['conversation-macros', conversationId] as const,
  notifications: ['desk-notifications'] as const,
};

export const listRules = (clientId: string | null, signal?: AbortSignal) =>
  api(`/automation/rules${toQueryString({ clientId })}`, z.array(AutomationRule), { signal });

export const createRule = (body: CreateAutomationRuleRequest) =>
  api('/automation/rules', AutomationRule, { method: 'POST', body });

export const updateRule = (ruleId: string, body: UpdateAutomationRuleRequest) =>
  api(`/automation/rules/${ruleId}`, AutomationRule, { method: 'PATCH', body });

export const deleteRule = (ruleId: string) => apiVoid(`/automation/rules/${ruleId}`, { method: 'DELETE' });

export const reorderRules = (clientId: string | null, ruleIds: string[]) =>
  api('/automation/rules/order', z.array(AutomationRule), { method: 'PUT', body: { clientId, ruleIds } });

export const listRuns = (clientId: string | null, signal?: AbortSignal) =>
  api(`/automation/runs${toQueryString({ clientId, limit: 50 })}`, z.array(AutomationRun), { signal });

export const listMacros = (clientId: string | null, signal?: AbortSignal) =>
  api(`/automation/macros${toQueryString({ clientId })}`, z.array(Macro), { signal });

export const createMacro = (body: CreateMacroRequest) => api('/automation/macros', Macro, { method: 'POST', body });

export const updateMacro = (macroId: string, body: UpdateMacroRequest) =>
  api(`/automation/macros/${macroId}`, Macro, { method: 'PATCH', body });

export const deleteMacro = (macroId: string) => apiVoid(`/automation/macros/${macroId}`, { method: 'DELETE' });

export const listConversationMacros = (conversationId: string, signal?: AbortSignal) =>
  api(`/conversations/${conversationId}/macros`, z.array(Macro), { signal });

export const applyMacro = (conversationId: string, macroId: string) =>
  api(`/conversations/${conversationId}/macros/${macroId}/apply`, ApplyMacroResult, { method: 'POST' });

export const listNotifications = (signal?: AbortSignal) => api('/notifications', z.array(DeskNotification), { signal });

export const markNotificationsRead = (ids: string[] | 'all') =>
  apiVoid('/notifications/read', { method: 'POST', body: { ids } });
