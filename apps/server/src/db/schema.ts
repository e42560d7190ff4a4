/** Every table, for Drizzle and the repositories: the core (clients, people, conversations, messages, e-mail, knowledge base) and each slice's own. */

export * from './schema-automation.js';
export * from './schema-chat.js';
export * from './schema-core.js';
export * from './schema-escalation.js';
export * from './schema-phone.js';
export * from './schema-routing.js';
export * from './schema-search.js';
export * from './schema-sla.js';
