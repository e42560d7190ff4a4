import type { Tx } from '../db/index.js';

/**
 * Actions whose work belongs to another slice. The routing and escalation slices install their
 * implementation at start-up (`installAutomationSeams`); until one is installed the action is logged
 * on the timeline as not available, never silently dropped.
 */
export type AutomationSeams = {
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
  ) => Promise<{ escalationId: string }>;
};

let installed: AutomationSeams = {};

export function installAutomationSeams(seams: AutomationSeams): void {
  installed = { ...installed, ...seams };
}

export const automationSeams = (): AutomationSeams => installed;
