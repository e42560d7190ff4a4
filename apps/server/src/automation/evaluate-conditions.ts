import type { RuleCondition } from '@switchboard/contracts';
import { normaliseText } from '../kb/index.js';
import { isInsideSchedule, isKnownTimeZone } from './schedule.js';

/** What a rule's conditions are checked against: the conversation as it is now, and the event's message. */
export type ConversationFacts = {
  clientId: string;
  channel: string;
  priority: string;
  tier: number;
  tags: readonly string[];
  flags: readonly string[];
  assigneeId: string | null;
  createdAt: Date;
  /** The client's IANA time zone. */
  timeZone: string;
  customer: { name: string; email: string | null };
  /** The subject and the customer's message the event is about (or their latest one). */
  text: string;
  now: Date;
};

/** Every condition must hold (an empty list always holds); lists inside one condition mean "any of". */
export function matchesConditions(conditions: readonly RuleCondition[], facts: ConversationFacts): boolean {
  return conditions.every((condition) => holds(condition, facts));
}

function holds(condition: RuleCondition, facts: ConversationFacts): boolean {
  switch (condition.type) {
    case 'client':
      return (condition.op === 'is') === condition.values.includes(facts.clientId);
    case 'channel':
      return (condition.op === 'is') === (condition.values as string[]).includes(facts.channel);
    case 'priority':
      return (condition.op === 'is') === (condition.values as string[]).includes(facts.priority);
    case 'tier':
      return (condition.op === 'is') === condition.values.includes(facts.tier);
    case 'tags':
    case 'flags': {
      const have = new Set((condition.type === 'tags' ? facts.tags : facts.flags).map(fold));
      const any = condition.values.some((value) => have.has(fold(value)));
      return condition.op === 'has_any' ? any : !any;
    }
    case 'words': {
      const text = normaliseText(facts.text);
      const any = condition.values.some((word) => containsWord(text, normaliseText(word)));
      return condition.op === 'contains_any' ? any : !any;
    }
    case 'customer': {
      const email = (facts.customer.email ?? '').toLowerCase();
      if (condition.op === 'email_is') return condition.values.some((value) => value.toLowerCase() === email);
      if (condition.op === 'email_domain_is') {
        const domain = email.split('@')[1] ?? '';
        return condition.values.some((value) => value.toLowerCase().replace(/^@/, '') === domain);
      }
      const name = normaliseText(facts.customer.name);
      return condition.values.some((value) => name.includes(normaliseText(value)));
    }
    case 'assignee':
      return (condition.op === 'assigned') === (facts.assigneeId !== null);
    case 'schedule': {
      const zone = isKnownTimeZone(facts.timeZone) ? facts.timeZone : 'UTC';
      return (condition.op === 'inside') === isInsideSchedule(condition.windows, facts.now, zone);
    }
    case 'age': {
      const minutes = (facts.now.getTime() - facts.createdAt.getTime()) / 60_000;
      return condition.op === 'older_than' ? minutes > condition.minutes : minutes < condition.minutes;
    }
  }
}

const fold = (value: string) => normaliseText(value);

/**
 * A whole word or phrase, not a piece of a longer word: "urgent" is not found in "insurgent", nor
 * Persian "فوری" (urgent) in "فوریه" (February). Both sides are already normalised.
 */
export function containsWord(text: string, phrase: string): boolean {
  if (!phrase) return false;
  const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'u').test(text);
}
