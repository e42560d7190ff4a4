import { createConversationReactions } from '../src/reactions.js';

/** The reactions production registers (the client's rules with routing and escalation), for tests that call use-cases. */
export const testReactions = createConversationReactions({ publicUrl: 'https://desk.test' });
