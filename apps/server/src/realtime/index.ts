export type { DeskEventPublisher, DeskEventSource } from './desk-events.js';
export type { DeskSocketWatcher } from './desk-gateway.js';
export { recallWritten, rememberWritten, type WrittenMessage } from './written-messages.js';
