import type { ConversationSubscriber, Reactions } from '../conversations/index.js';
import type { Tx } from '../db/index.js';
import { runAutomations, runAutomationsForEach } from './run-automations.js';

/**
 * Actions whose work belongs to another slice, given at start-up: routing's choice of agent and the
 * escalation to the client. Without one the action is logged on the timeline as not available, never
 * silently dropped.
 */
export type AutomationDeps = {
  /**
   * Chooses an eligible agent (serves the client, skills, language, tier, under capacity) without
   * writing the assignment: automation applies it so the timeline shows the rule. `queued` when
   * nobody is eligible now and the conversation waits for routing.
   */
  assignAutomatically?: (
    tx: Tx,
    request: { clientId: string; conversationId: string },
  ) => Promise<{ agentId: string } | { queued: true; reason: string }>;
  /**
   * Opens an escalation to the client with the rule's question (e-mail to the client, portal, the
   * customer told an update follows), inside the rule's transaction. Returns the escalation's id.
   */
  escalateToClient?: (
    tx: Tx,
    request: { clientId: string; conversationId: string; question: string; requestedBy: string },
    reactions: Reactions,
  ) => Promise<{ escalationId: string }>;
};

/** What a rule's actions need: the other slices' work, and the reactions their own changes raise. */
export type AutomationContext = { deps: AutomationDeps; reactions: Reactions };

/** The client's automation rules as a subscriber to conversation events. */
export function automationSubscriber(deps: AutomationDeps): ConversationSubscriber {
  return {
    name: 'automation',
    react: async (tx, event, reactions) => (await runAutomations(tx, event, { deps, reactions })).deskEvents,
    reactEach: async (tx, events, reactions) =>
      (await runAutomationsForEach(tx, events, { deps, reactions })).map((result) => result.deskEvents),
  };
}
