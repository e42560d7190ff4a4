export { kbRoutes } from './kb-routes.js';
export { type KbSearchOptions, searchKnowledgeBase } from './search-knowledge-base.js';
export { seedKnowledgeBase } from './seed-knowledge-base.js';
