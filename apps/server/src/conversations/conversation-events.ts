import type { Channel, DeskEvent, ErrorCode } from '@switchboard/contracts';
import type { Tx } from '../db/index.js';
import type { SlaChange } from '../platform/business-time/sla-clock.js';
import type { DeskEventPublisher } from '../realtime/index.js';
import type { ConversationRow } from './conversation-repository.js';
import type { ConversationSlaRow, SlaState } from './sla-state-repository.js';

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
  /** How a written reply reaches the customer on each channel (see ReplyChannel). */
  channels: Partial<Record<Channel, ReplyChannel>>;
  /** Who keeps each conversation's SLA in step with what happens to it (see SlaKeeper). */
  sla: SlaKeeper;
  react(tx: Tx, event: ConversationEvent): Promise<Reaction>;
  /** One reaction per event of a batch (the SMTP group commit), in order; cheap when nothing reacts. */
  reactEach(tx: Tx, events: readonly ConversationEvent[]): Promise<Reaction[]>;
};

/** A reply on its way to the customer, handed to its channel inside the reply's transaction. */
export type OutgoingReply = {
  conversation: ConversationRow;
  messageId: string;
  body: string;
  /** `escalation`: the escalation's word to the customer (a chat then continues by e-mail, see chat's channel). */
  purpose: 'reply' | 'escalation';
};

/**
 * A channel's way out, registered at start-up by the slice that owns the channel (e-mail's outbox, chat
 * continued by e-mail): `deliver` commits what carries the reply with it (an outbox row, never a send). A
 * channel that cannot carry a written reply says why (`refuses`): the reply is refused before anything is
 * stored, rules skip it, and an escalation's word to the customer becomes a note for the agent to say.
 */
export type ReplyChannel =
  | { refuses: { code: ErrorCode; detail: string } }
  | { refuses?: undefined; deliver(tx: Tx, reply: OutgoingReply): Promise<void> };

/** The channel a reply on this conversation leaves by; one nobody registered carries none. */
export function replyChannelOf(reactions: Reactions, channel: Channel): ReplyChannel {
  return (
    reactions.channels[channel] ?? {
      refuses: { code: 'CHANNEL_TAKES_NO_REPLY', detail: `A ${channel} conversation takes no written reply here.` },
    }
  );
}

/** What happened to a conversation that moves its SLA clock (a message in or out, a priority, a reopening). */
export type SlaChangeInput = { clientId: string; conversationId: string; change: SlaChange };

/**
 * The SLA slice's part in every write that moves a conversation, registered at start-up: it decides each
 * conversation's clock and due times, which this slice stores (see `keepSla`), and records a target met
 * late as a breach. What it recorded reaches the subscribers when the caller raises it, after its own
 * message is written, so the timeline keeps its order.
 */
export type SlaKeeper = {
  decide(
    tx: Tx,
    changes: readonly SlaChangeInput[],
    /** The conversations as the caller's statement just wrote (and locked) them: saves reading them again. */
    written?: readonly ConversationSlaRow[],
  ): Promise<SlaDecision>;
};

export type SlaDecision = {
  /** One per conversation found (none for a conversation of another client, or with no keeper). */
  states: SlaState[];
  /** Records what the decision found (targets met late: breaches), once the states are stored. */
  record(tx: Tx): Promise<KeptSla>;
};

/** What a keeper recorded (warnings, late breaches), raised for the subscribers; returns what the desk hears. */
export type KeptSla = { raise(tx: Tx, reactions: Reactions): Promise<DeskEvent[]> };

/** A keeper for tests of this slice alone: conversations carry no SLA. */
export const untrackedSla: SlaKeeper = {
  decide: async () => ({ states: [], record: async () => ({ raise: async () => [] }) }),
};

/** A subscriber gets the whole set of reactions, so what it changes raises events of its own. */
export type ConversationSubscriber = {
  name: string;
  react(tx: Tx, event: ConversationEvent, reactions: Reactions): Promise<DeskEvent[]>;
  reactEach?(tx: Tx, events: readonly ConversationEvent[], reactions: Reactions): Promise<DeskEvent[][]>;
};

/** The reactions of these subscribers, in this order, the channels replies leave by, and the SLA's keeper. */
export function createReactions(
  subscribers: readonly ConversationSubscriber[],
  channels: Partial<Record<Channel, ReplyChannel>> = {},
  sla: SlaKeeper = untrackedSla,
): Reactions {
  const reactions: Reactions = {
    channels,
    sla,
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
