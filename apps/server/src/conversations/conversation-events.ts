import type { DeskEvent } from '@switchboard/contracts';
import type { Tx } from '../db/index.js';
import type { DeskEventPublisher } from '../realtime/index.js';

type Base = { clientId: string; conversationId: string };

/**
 * What happened to a conversation that other slices react to, raised inside the transaction that made it
 * happen: conversations (created, message received, assignment changed by hand), SLA (warning, breach),
 * escalation (answered). The event types are the ones automation rules listen to (`AutomationEventType`).
 */
export type ConversationEvent =
  | (Base & { type: 'conversation.created'; messageId: string })
  | (Base & { type: 'message.received'; messageId: string })
  | (Base & {
      type: 'assignment.changed';
      assigneeId: string | null;
      by: 'agent' | 'routing' | 'rule';
      /** Unique per assignment, e.g. the routing decision's id. */
      key: string;
    })
  | (Base & {
      type: 'sla.warning' | 'sla.breached';
      target: 'first_response' | 'next_response' | 'resolution';
      /** The due time the warning or breach is about: a new due time is a new event. */
      dueAt: string;
    })
  | (Base & { type: 'escalation.answered'; escalationId: string });

/** What the subscribers did about an event, for the caller to announce once its transaction has committed. */
export type Reaction = {
  deskEvents: DeskEvent[];
  publish: (events: DeskEventPublisher) => Promise<void>;
};

/**
 * The slices that react to conversation events (automation today; usage metering, surveys and reports
 * next), registered once at start-up (see `createReactions`) and handed to every use-case that raises an
 * event: they run inside the raising transaction, so a reaction commits or rolls back with what caused it.
 * The conversations slice never imports a subscriber: there is no cycle to hold together.
 */
export type Reactions = {
  react(tx: Tx, event: ConversationEvent): Promise<Reaction>;
  /** One reaction per event of a batch (the SMTP group commit), in order; cheap when nothing reacts. */
  reactEach(tx: Tx, events: readonly ConversationEvent[]): Promise<Reaction[]>;
};

/** A subscriber gets the whole set of reactions, so what it changes raises events of its own. */
export type ConversationSubscriber = {
  name: string;
  react(tx: Tx, event: ConversationEvent, reactions: Reactions): Promise<DeskEvent[]>;
  reactEach?(tx: Tx, events: readonly ConversationEvent[], reactions: Reactions): Promise<DeskEvent[][]>;
};

/** The reactions of these subscribers, in this order. */
export function createReactions(subscribers: readonly ConversationSubscriber[]): Reactions {
  const reactions: Reactions = {
    async react(tx, event) {
      const deskEvents: DeskEvent[] = [];
      for (const subscriber of subscribers) deskEvents.push(...(await subscriber.react(tx, event, reactions)));
      return reaction(deskEvents);
    },
    async reactEach(tx, events) {
      const perEvent: DeskEvent[][] = events.map(() => []);
      for (const subscriber of subscribers) {
        const results = subscriber.reactEach
          ? await subscriber.reactEach(tx, events, reactions)
          : await eachInTurn(events, (event) => subscriber.react(tx, event, reactions));
        for (const [i, deskEvents] of results.entries()) perEvent[i]!.push(...deskEvents);
      }
      return perEvent.map(reaction);
    },
  };
  return reactions;
}

async function eachInTurn<T, R>(items: readonly T[], run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (const item of items) results.push(await run(item));
  return results;
}

function reaction(deskEvents: DeskEvent[]): Reaction {
  return {
    deskEvents,
    publish: async (events) => {
      for (const deskEvent of dedupe(deskEvents)) await events.publish(deskEvent);
    },
  };
}

const dedupe = (events: DeskEvent[]) => {
  const seen = new Set<string>();
  return events.filter((event) => {
    const id = JSON.stringify(event);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
};
