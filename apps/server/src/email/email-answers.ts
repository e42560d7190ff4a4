import type { possibleEscalationReplies, receiveEscalationReply } from '../escalation/index.js';

/**
 * Who else takes incoming e-mail as an answer, registered at start-up: the escalation, whose client users
 * answer by replying (their reply is the client's answer, never a customer's message). Each incoming e-mail
 * is asked about before it is threaded to a customer's conversation; this slice never imports who answers.
 */
export type EmailAnswers = {
  /** Whether each e-mail may be such an answer, as a lookup of the batch's first statement. */
  possible: typeof possibleEscalationReplies;
  /** The answer taken, or null: the e-mail is a customer's. */
  receive: typeof receiveEscalationReply;
};
