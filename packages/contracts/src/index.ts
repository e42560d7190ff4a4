export * from './admin.js';
export * from './auth.js';
export * from './common.js';
export * from './conversations.js';
export * from './email.js';
export * from './events.js';
export * from './kb.js';
export * from './portal.js';
