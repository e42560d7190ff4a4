export type { EventBus, EventBusLogger, EventHandler } from './event-bus.js';
export { createMemoryEventBus } from './memory-event-bus.js';
export { createPostgresEventBus, eventChannel, type PostgresEventBusOptions } from './postgres-event-bus.js';
export { maxEventBytes, type SwitchboardEvent } from './switchboard-event.js';
