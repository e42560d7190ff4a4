import type { PortalEscalation } from '@switchboard/contracts';
import type { Reactions } from '../conversations/index.js';
import type { Db } from '../db/index.js';
import type { Scope } from '../platform/scope.js';
import type { DeskEventPublisher } from '../realtime/index.js';
import { publishEscalationEvents } from './announce-escalation.js';
import { answerEscalationIn } from './answer-escalation.js';
import { getClientEscalation } from './list-escalations.js';

/** A client user answers from the portal; only their own client's escalations exist for them. */
export async function answerEscalationInPortal(
  db: Db,
  options: {
    scope: Extract<Scope, { kind: 'client' }>;
    userName: string;
    escalationId: string;
    answer: string;
    events: DeskEventPublisher;
    reactions: Reactions;
  },
): Promise<PortalEscalation> {
  const { scope } = options;
  const result = await db.transaction((tx) =>
    answerEscalationIn(tx, {
      clientId: scope.clientId,
      escalationId: options.escalationId,
      answer: options.answer,
      clientUser: { id: scope.userId, name: options.userName },
      via: 'portal',
      reactions: options.reactions,
    }),
  );
  await publishEscalationEvents(options.events, result.events);
  return getClientEscalation(db, scope, options.escalationId);
}
