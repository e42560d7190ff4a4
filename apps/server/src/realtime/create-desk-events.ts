import { DeskEvent } from '@switchboard/contracts';
import type { Database } from '../db/index.js';
import {
  createMemoryEventBus,
  createPostgresEventBus,
  type EventBus,
  type EventBusLogger,
} from '../platform/events/index.js';
import type { DeskEventPublisher, DeskEventSource } from './desk-events.js';

export type DeskEvents = DeskEventPublisher & DeskEventSource & { close: () => Promise<void> };

type DeskEventHandler = (event: DeskEvent) => void;

const consoleLogger: EventBusLogger = { error: (details, message) => console.error(message, details) };

/**
 * Desk events over the shared bus; only well-formed desk events reach the gateway. Every desk socket
 * subscribes here, so an event is checked once (one bus subscription) and handed to all of them as one
 * frozen object, rather than cloned and parsed again per socket: fan-out costs a loop, not N parses.
 */
export function deskEventsOn(bus: EventBus, logger: EventBusLogger = consoleLogger): DeskEvents {
  const handlers = new Set<DeskEventHandler>();
  let listening = false;
  const dispatch = (raw: unknown) => {
    const parsed = DeskEvent.safeParse(raw);
    if (!parsed.success) return;
    const event = Object.freeze(parsed.data);
    for (const handler of [...handlers]) {
      const fail = (error: unknown) => logger.error({ error, eventType: event.type }, 'Desk event subscriber failed');
      try {
        const result: unknown = handler(event);
        if (result instanceof Promise) result.catch(fail);
      } catch (error) {
        fail(error);
      }
    }
  };
  return {
    publish: (event) => bus.publish(event),
    publishMany: (events) => bus.publishMany(events),
    subscribe: (handler) => {
      // A wrapper, so subscribing the same function twice gives two independent subscriptions.
      const subscription: DeskEventHandler = (event) => handler(event);
      handlers.add(subscription);
      if (!listening) {
        bus.subscribe(dispatch);
        listening = true;
      }
      return () => {
        handlers.delete(subscription);
      };
    },
    close: () => bus.close(),
  };
}

/**
 * PGlite serves one process, so memory is enough; on PostgreSQL several processes may serve the
 * desk, so events cross between them by LISTEN/NOTIFY.
 */
export async function createDeskEvents(database: Database): Promise<DeskEvents> {
  return deskEventsOn(database.kind === 'postgres' ? await createPostgresEventBus(database) : createMemoryEventBus());
}
