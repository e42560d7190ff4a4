import type { DeskEvent } from '@switchboard/contracts';

/** Where use-cases announce changes once they are committed. */
export type DeskEventPublisher = { publish: (event: DeskEvent) => Promise<void> };

/** What the WebSocket gateway listens to: every process's desk events. */
export type DeskEventSource = { subscribe: (handler: (event: DeskEvent) => void) => () => void };
