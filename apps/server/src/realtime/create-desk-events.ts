import { DeskEvent } from '@switchboard/contracts';
import type { Database } from '../db/index.js';
import { createMemoryEventBus, createPostgresEventBus, type EventBus } from '../platform/events/index.js';
import type { DeskEventPublisher, DeskEventSource } from './desk-events.js';

export type DeskEvents = DeskEventPublisher & DeskEventSource & { close: () => Promise<void> };

/** Desk events over the shared bus; only well-formed desk events reach the gateway. */
export function deskEventsOn(bus: EventBus): DeskEvents {
  return {
    publish: (event) => bus.publish(event),
    publishMany: (events) => bus.publishMany(events),
    subscribe: (handler) =>
      bus.subscribe((event) => {
        const parsed = DeskEvent.safeParse(event);
        if (parsed.success) handler(parsed.data);
      }),
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
