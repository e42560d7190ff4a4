import type { DeskEvent } from '@switchboard/contracts';

/** Where use-cases announce changes once they are committed. */
export type DeskEventPublisher = {
  publish: (event: DeskEvent) => Promise<void>;
  /** Several events in order, in one database statement where the bus has one (high-volume ingestion). */
  publishMany?: (events: DeskEvent[]) => Promise<void>;
};

/** What the WebSocket gateway listens to: every process's desk events. */
export type DeskEventSource = { subscribe: (handler: (event: DeskEvent) => void) => () => void };
