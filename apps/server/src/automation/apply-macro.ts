import type { ApplyMacroResult, MacroAction, UpdateConversationRequest } from '@switchboard/contracts';
import { recordAudit } from '../audit/index.js';
import {
  appendTimelineEntries,
  applyConversationChanges,
  findConversationRow,
  type Reactions,
} from '../conversations/index.js';
import type { Db } from '../db/index.js';
import { fillPlaceholders } from '../kb/index.js';
import { notFound } from '../platform/errors.js';
import type { Scope } from '../platform/scope.js';
import type { DeskEventPublisher } from '../realtime/index.js';
import { findMacro } from './automation-repository.js';
import { placeholderValues } from './perform-rule-action.js';

type ApplyMacroOptions = {
  scope: Extract<Scope, { kind: 'agency' }>;
  agentName: string;
  conversationId: string;
  macroId: string;
  events: DeskEventPublisher;
  reactions: Reactions;
};

/**
 * One click: the macro's actions change the conversation (each change on the timeline as
 * "<agent> via macro <name>"), and its reply template comes back filled in, for the agent to read
 * and send. A macro of another client answers 404, like one that does not exist.
 */
export async function applyMacro(db: Db, options: ApplyMacroOptions): Promise<ApplyMacroResult> {
  const { scope } = options;
  const { result, clientId, automation, deskEvents } = await db.transaction(async (tx) => {
    const conversation = await findConversationRow(tx, scope.clientIds, options.conversationId, { forUpdate: true });
    if (!conversation) throw notFound('Conversation');
    const macro =
      (await findMacro(tx, conversation.client_id, options.macroId)) ?? (await findMacro(tx, null, options.macroId));
    if (!macro) throw notFound('Macro');
    await appendTimelineEntries(tx, [
      {
        clientId: conversation.client_id,
        conversationId: conversation.id,
        kind: 'activity',
        author: { type: 'agent', id: scope.userId, name: options.agentName },
        text: `${options.agentName} applied macro "${macro.name}"`,
        activity: { action: 'macro', via: 'macro', macroId: macro.id, macroName: macro.name },
      },
    ]);
    await recordAudit(tx, scope, {
      clientId: conversation.client_id,
      action: 'automation.macro_applied',
      entity: 'conversation',
      entityId: conversation.id,
      data: { macroId: macro.id, macroName: macro.name },
    });
    const input = macroChanges(macro.actions as MacroAction[], conversation);
    const { changes, deskEvents } = await applyConversationChanges(
      tx,
      conversation,
      input,
      {
        audit: scope,
        authorType: 'agent',
        authorId: scope.userId,
        name: options.agentName,
        activity: { via: 'macro', macroId: macro.id, macroName: macro.name },
        auditData: { macroId: macro.id, macroName: macro.name },
      },
      options.reactions,
    );
    const assignment = changes.find((change) => change.action === 'assign');
    const automation = assignment
      ? await options.reactions.react(tx, {
          type: 'assignment.changed',
          clientId: conversation.client_id,
          conversationId: conversation.id,
          assigneeId: input.assigneeId ?? null,
          by: 'agent',
          key: `macro:${macro.id}:${crypto.randomUUID()}`,
        })
      : null;
    const draft = macro.replyTemplate
      ? fillPlaceholders(macro.replyTemplate, placeholderValues(conversation, options.agentName))
      : '';
    return {
      result: { draft, applied: changes.map((change) => change.text) },
      clientId: conversation.client_id,
      automation,
      deskEvents,
    };
  });
  for (const deskEvent of deskEvents) await options.events.publish(deskEvent);
  if (result.applied.length > 0)
    await options.events.publish({ type: 'conversation.updated', clientId, conversationId: options.conversationId });
  await automation?.publish(options.events);
  return result;
}

/** The macro's actions folded into one change of the conversation, in the order they are listed. */
function macroChanges(
  actions: readonly MacroAction[],
  conversation: { flags: string[]; tags: string[]; tier: number },
): UpdateConversationRequest & { team?: string | null } {
  const input: UpdateConversationRequest & { team?: string | null } = {};
  let flags = [...conversation.flags];
  let tags = [...conversation.tags];
  let tier = conversation.tier;
  for (const action of actions) {
    switch (action.type) {
      case 'assign_agent':
        input.assigneeId = action.agentId;
        break;
      case 'assign_team':
        input.team = action.team;
        break;
      case 'set_priority':
        input.priority = action.priority;
        break;
      case 'set_status':
        input.status = action.status;
        break;
      case 'set_flag':
        flags = [...new Set([...flags, action.flag])];
        input.flags = flags;
        break;
      case 'clear_flag':
        flags = flags.filter((flag) => flag !== action.flag);
        input.flags = flags;
        break;
      case 'add_tags':
        tags = [...new Set([...tags, ...action.tags])];
        input.tags = tags;
        break;
      case 'remove_tags':
        tags = tags.filter((tag) => !action.tags.includes(tag));
        input.tags = tags;
        break;
      case 'escalate_tier':
        tier = Math.min(3, tier + 1);
        input.tier = tier;
        break;
    }
  }
  return input;
}
