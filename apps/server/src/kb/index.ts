export { createKbItem } from './create-kb-item.js';
export { fillPlaceholders } from './fill-placeholders.js';
export { kbRoutes } from './kb-routes.js';
export { normaliseText } from './normalise-text.js';
export { type KbSearchOptions, searchKnowledgeBase } from './search-knowledge-base.js';
export { seedKnowledgeBase } from './seed-knowledge-base.js';
