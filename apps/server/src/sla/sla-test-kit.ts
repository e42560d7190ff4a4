import type { SlaPolicyInput } from '@switchboard/contracts';
import type { Agency } from '../../test/fixtures.js';
import { testReactions } from '../../test/reactions.js';
import { receiveIncomingMessage } from '../conversations/index.js';
import type { Db } from '../db/index.js';
import { defaultSlaPolicy } from './default-sla-policy.js';

type Minutes = { firstResponse: number; nextResponse: number; resolution: number };

/** A 24/7 policy (no business hours to reason about) with the given targets; `low` may differ. */
export function alwaysOpenPolicy(
  targets: Minutes,
  options: { low?: Minutes; warnAtPercent?: number } = {},
): SlaPolicyInput {
  const base = defaultSlaPolicy('UTC');
  return {
    ...base,
    warnAtPercent: options.warnAtPercent ?? base.warnAtPercent,
    calendar: { ...base.calendar, mode: 'always' },
    targets: { low: options.low ?? targets, normal: targets, high: targets, urgent: targets },
  };
}

/** A customer e-mail that opens a conversation of the North client, received at `receivedAt`. */
export const openNorthConversation = (db: Db, agency: Agency, name: string, receivedAt: Date) =>
  db.transaction(async (tx) => {
    const received = await receiveIncomingMessage(
      tx,
      {
        clientId: agency.north.id,
        inboxId: agency.north.inboxId,
        channel: 'email',
        sender: { sourceId: `${name}@example.com`, name, email: `${name}@example.com` },
        subject: `Timer ${name}`,
        bodyText: 'Please answer',
        receivedAt,
      },
      testReactions,
    );
    return received.conversationId;
  });
