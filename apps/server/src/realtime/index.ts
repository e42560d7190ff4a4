export type { DeskEventPublisher, DeskEventSource } from './desk-events.js';
