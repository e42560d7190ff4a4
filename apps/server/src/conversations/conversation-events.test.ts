import type { DeskEvent } from '@switchboard/contracts';
import { describe, expect, it } from 'vitest';
import type { Tx } from '../db/index.js';
import { type ConversationEvent, type ConversationSubscriber, createReactions } from './conversation-events.js';

const tx = {} as Tx;
const event = (n: number): ConversationEvent => ({
  type: 'message.received',
  clientId: 'north',
  conversationId: `c${n}`,
  messageId: `m${n}`,
});
const updated = (conversationId: string): DeskEvent => ({
  type: 'conversation.updated',
  clientId: 'north',
  conversationId,
});

describe('reactions registered at start-up', () => {
  it('runs the subscribers in the order they were registered, per event and for a batch', async () => {
    const calls: string[] = [];
    const tagging: ConversationSubscriber = {
      name: 'first',
      react: async (_tx, e) => {
        calls.push(`first ${e.conversationId}`);
        return [updated(e.conversationId)];
      },
    };
    const batching: ConversationSubscriber = {
      name: 'second',
      react: async (_tx, e) => {
        calls.push(`second ${e.conversationId}`);
        return [];
      },
      reactEach: async (_tx, events) => {
        calls.push(`second batch of ${events.length}`);
        return events.map((e) => [updated(`${e.conversationId}!`)]);
      },
    };
    const reactions = createReactions([tagging, batching]);
    expect((await reactions.react(tx, event(1))).deskEvents).toEqual([updated('c1')]);
    expect(calls).toEqual(['first c1', 'second c1']);
    calls.length = 0;
    const each = await reactions.reactEach(tx, [event(2), event(3)]);
    // A subscriber without a batch form is called event by event; one with it, once for the batch.
    expect(calls).toEqual(['first c2', 'first c3', 'second batch of 2']);
    expect(each.map((r) => r.deskEvents)).toEqual([
      [updated('c2'), updated('c2!')],
      [updated('c3'), updated('c3!')],
    ]);
  });

  it('hands a subscriber the reactions themselves, so what it changes is reacted to; publishes each desk event once', async () => {
    const seen: string[] = [];
    const published: DeskEvent[] = [];
    const cascading: ConversationSubscriber = {
      name: 'cascading',
      react: async (tx_, e, reactions) => {
        seen.push(e.type);
        if (e.type !== 'message.received') return [updated(e.conversationId)];
        const inner = await reactions.react(tx_, {
          type: 'assignment.changed',
          clientId: e.clientId,
          conversationId: e.conversationId,
          assigneeId: null,
          by: 'rule',
          key: 'k1',
        });
        return [updated(e.conversationId), ...inner.deskEvents];
      },
    };
    const reaction = await createReactions([cascading]).react(tx, event(4));
    expect(seen).toEqual(['message.received', 'assignment.changed']);
    await reaction.publish({ publish: async (deskEvent) => void published.push(deskEvent) });
    expect(published).toEqual([updated('c4')]);
  });
});
