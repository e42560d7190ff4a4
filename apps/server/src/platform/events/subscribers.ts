import { AppError } from '../errors.js';
import type { EventBusLogger, EventHandler } from './event-bus.js';
import type { SwitchboardEvent } from './switchboard-event.js';

export const consoleEventBusLogger: EventBusLogger = {
  error: (details, message) => console.error(message, details),
};

/** The local half every bus shares: the handler set, isolated dispatch, and the closed state. */
export function createSubscribers(logger: EventBusLogger) {
  const handlers = new Set<EventHandler>();
  let closed = false;

  const runHandler = (handler: EventHandler, event: SwitchboardEvent) => {
    const fail = (error: unknown) => logger.error({ error, eventType: event.type }, 'Event subscriber failed');
    try {
      const result = handler(event);
      if (result instanceof Promise) result.catch(fail);
    } catch (error) {
      fail(error);
    }
  };

  return {
    get closed() {
      return closed;
    },
    assertOpen() {
      if (closed) throw new AppError('INTERNAL', 'The event bus is closed');
    },
    subscribe(handler: EventHandler): () => void {
      if (closed) throw new AppError('INTERNAL', 'The event bus is closed');
      // A wrapper, so subscribing the same function twice gives two independent subscriptions.
      const subscription: EventHandler = (event) => handler(event);
      handlers.add(subscription);
      return () => {
        handlers.delete(subscription);
      };
    },
    deliver(event: SwitchboardEvent) {
      if (closed) return;
      // A copy per handler, so one subscriber changing the event cannot change what the next sees.
      for (const handler of [...handlers]) runHandler(handler, structuredClone(event));
    },
    close() {
      closed = true;
      handlers.clear();
    },
  };
}
