import type { SwitchboardEvent } from './switchboard-event.js';

/** Called for every event; a handler that throws or rejects is logged and does not stop the others. */
export type EventHandler = (event: SwitchboardEvent) => void | Promise<void>;

export type EventBusLogger = { error: (details: Record<string, unknown>, message: string) => void };

/**
 * Real-time fan-out (DESIGN.md: Real-time). Delivery is at most once and only to processes that are
 * listening at the time: durable work belongs in jobs, not here. Subscribers filter by `clientId`.
 */
export type EventBus = {
  /** Resolves once the event is handed to local subscribers and, for a shared bus, to the database. */
  publish(event: SwitchboardEvent): Promise<void>;
  /** Several events, in order; a shared bus sends them to the database in one statement. */
  publishMany(events: SwitchboardEvent[]): Promise<void>;
  /** Returns the unsubscribe function. */
  subscribe(handler: EventHandler): () => void;
  close(): Promise<void>;
};
