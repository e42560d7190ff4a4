import {
  ApplyMacroResult,
  AutomationRule,
  AutomationRuleQuery,
  AutomationRun,
  AutomationRunQuery,
  CreateAutomationRuleRequest,
  CreateMacroRequest,
  DeskNotification,
  Id,
  Macro,
  MacroQuery,
  ReorderAutomationRulesRequest,
  UpdateAutomationRuleRequest,
  UpdateMacroRequest,
} from '@switchboard/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { agencyScopeOf, principalOf, scopeOf } from '../auth/index.js';
import type { Reactions } from '../conversations/index.js';
import type { Db } from '../db/index.js';
import type { DeskEventPublisher } from '../realtime/index.js';
import { applyMacro } from './apply-macro.js';
import { createAutomationRule } from './create-automation-rule.js';
import { deleteAutomationRule } from './delete-automation-rule.js';
import { listMyNotifications, markMyNotificationsRead } from './desk-notifications.js';
import { listAutomationRules, listAutomationRuns } from './list-automation-rules.js';
import { listConversationMacros, listOwnedMacros } from './list-macros.js';
import { createMacro, deleteMacro, updateMacro } from './manage-macros.js';
import { reorderAutomationRules } from './reorder-automation-rules.js';
import { updateAutomationRule } from './update-automation-rule.js';

const RuleParams = z.object({ ruleId: z.uuid() });
const MacroParams = z.object({ macroId: z.uuid() });
const ConversationParams = z.object({ conversationId: z.uuid() });
const MarkReadRequest = z.strictObject({ ids: z.union([z.array(Id).min(1).max(200), z.literal('all')]) });

/**
 * Rules and macros are built by the agency's managers (per client, or agency-wide); agents list and
 * apply macros on the conversations they may read, and read their own desk notifications.
 */
export async function automationRoutes(
  app: FastifyInstance,
  { db, events, reactions }: { db: Db; events: DeskEventPublisher; reactions: Reactions },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['automation'];
  const manager = { access: 'manager' as const };
  const agency = { access: 'agency' as const };

  r.get('/automation/rules', {
    config: manager,
    schema: {
      tags,
      summary: "A client's rules in run order (without clientId: the agency-wide rules)",
      querystring: AutomationRuleQuery,
      response: { 200: z.array(AutomationRule) },
    },
    handler: async (request) => listAutomationRules(db, scopeOf(request), request.query.clientId),
  });

  r.post('/automation/rules', {
    config: manager,
    schema: { tags, summary: 'Add a rule', body: CreateAutomationRuleRequest, response: { 201: AutomationRule } },
    handler: async (request, reply) =>
      reply.status(201).send(await createAutomationRule(db, scopeOf(request), request.body)),
  });

  r.put('/automation/rules/order', {
    config: manager,
    schema: {
      tags,
      summary: "Set the order a client's rules run in",
      body: ReorderAutomationRulesRequest,
      response: { 200: z.array(AutomationRule) },
    },
    handler: async (request) => reorderAutomationRules(db, scopeOf(request), request.body),
  });

  r.patch('/automation/rules/:ruleId', {
    config: manager,
    schema: {
      tags,
      summary: 'Change, enable or disable a rule',
      params: RuleParams,
      body: UpdateAutomationRuleRequest,
      response: { 200: AutomationRule },
    },
    handler: async (request) => updateAutomationRule(db, scopeOf(request), request.params.ruleId, request.body),
  });

  r.delete('/automation/rules/:ruleId', {
    config: manager,
    schema: { tags, summary: 'Delete a rule', params: RuleParams, response: { 204: z.null() } },
    handler: async (request, reply) => {
      await deleteAutomationRule(db, scopeOf(request), request.params.ruleId);
      return reply.status(204).send(null);
    },
  });

  r.get('/automation/runs', {
    config: manager,
    schema: {
      tags,
      summary: 'Recent rule runs, newest first',
      querystring: AutomationRunQuery,
      response: { 200: z.array(AutomationRun) },
    },
    handler: async (request) => listAutomationRuns(db, scopeOf(request), request.query),
  });

  r.get('/automation/macros', {
    config: manager,
    schema: {
      tags,
      summary: "A client's macros (without clientId: the agency-wide macros)",
      querystring: MacroQuery,
      response: { 200: z.array(Macro) },
    },
    handler: async (request) => listOwnedMacros(db, scopeOf(request), request.query.clientId),
  });

  r.post('/automation/macros', {
    config: manager,
    schema: { tags, summary: 'Add a macro', body: CreateMacroRequest, response: { 201: Macro } },
    handler: async (request, reply) => reply.status(201).send(await createMacro(db, scopeOf(request), request.body)),
  });

  r.patch('/automation/macros/:macroId', {
    config: manager,
    schema: {
      tags,
      summary: 'Change a macro',
      params: MacroParams,
      body: UpdateMacroRequest,
      response: { 200: Macro },
    },
    handler: async (request) => updateMacro(db, scopeOf(request), request.params.macroId, request.body),
  });

  r.delete('/automation/macros/:macroId', {
    config: manager,
    schema: { tags, summary: 'Delete a macro', params: MacroParams, response: { 204: z.null() } },
    handler: async (request, reply) => {
      await deleteMacro(db, scopeOf(request), request.params.macroId);
      return reply.status(204).send(null);
    },
  });

  r.get('/conversations/:conversationId/macros', {
    config: agency,
    schema: {
      tags,
      summary: 'Macros an agent may apply to this conversation',
      params: ConversationParams,
      response: { 200: z.array(Macro) },
    },
    handler: async (request) => listConversationMacros(db, agencyScopeOf(request), request.params.conversationId),
  });

  r.post('/conversations/:conversationId/macros/:macroId/apply', {
    config: agency,
    schema: {
      tags,
      summary: "Apply a macro: its actions now, its reply template filled in for the agent's reply box",
      params: ConversationParams.extend(MacroParams.shape),
      response: { 200: ApplyMacroResult },
    },
    handler: async (request) =>
      applyMacro(db, {
        scope: agencyScopeOf(request),
        agentName: principalOf(request).me.name,
        conversationId: request.params.conversationId,
        macroId: request.params.macroId,
        events,
        reactions,
      }),
  });

  r.get('/notifications', {
    config: agency,
    schema: { tags, summary: 'My desk notifications, newest first', response: { 200: z.array(DeskNotification) } },
    handler: async (request) => listMyNotifications(db, agencyScopeOf(request)),
  });

  r.post('/notifications/read', {
    config: agency,
    schema: { tags, summary: 'Mark my notifications read', body: MarkReadRequest, response: { 204: z.null() } },
    handler: async (request, reply) => {
      await markMyNotificationsRead(db, agencyScopeOf(request), request.body.ids);
      return reply.status(204).send(null);
    },
  });
}
