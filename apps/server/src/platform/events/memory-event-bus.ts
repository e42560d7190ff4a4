import type { EventBus, EventBusLogger } from './event-bus.js';
import { consoleEventBusLogger, createSubscribers } from './subscribers.js';
import { encodeEvent } from './switchboard-event.js';

/** The bus for a single process (the default `npm start`). */
export function createMemoryEventBus(options: { logger?: EventBusLogger } = {}): EventBus {
  const subscribers = createSubscribers(options.logger ?? consoleEventBusLogger);
  return {
    async publish(event) {
      subscribers.assertOpen();
      encodeEvent(event); // the same checks as across processes, so nothing passes here and fails there
      subscribers.deliver(event);
    },
    async publishMany(events) {
      for (const event of events) await this.publish(event);
    },
    subscribe: (handler) => subscribers.subscribe(handler),
    async close() {
      subscribers.close();
    },
  };
}
