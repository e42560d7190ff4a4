import type { KbSuggestions, Locale } from '@switchboard/contracts';
import type { Db } from '../db/index.js';
import { notFound } from '../platform/errors.js';
import type { Scope } from '../platform/scope.js';
import { fillPlaceholders } from './fill-placeholders.js';
import { findSuggestionContext } from './kb-repository.js';
import { detectLanguage, searchKnowledgeBase } from './search-knowledge-base.js';

/**
 * The best knowledge-base answers for the customer's latest message, in the customer's language, ready
 * to insert: placeholders are filled with this conversation's customer, agent and client.
 */
export async function suggestAnswers(
  db: Db,
  options: { scope: Extract<Scope, { kind: 'agency' }>; agentName: string; conversationId: string; limit?: number },
): Promise<KbSuggestions> {
  const context = await findSuggestionContext(db, options.scope.clientIds, options.conversationId);
  if (!context) throw notFound('Conversation');
  const fallback: Locale = context.contact_locale === 'fa' ? 'fa' : 'en';
  const text = context.message_text ?? '';
  const language = text ? detectLanguage(text, (context.message_language as Locale | null) ?? fallback) : fallback;
  if (!context.message_id || !text.trim()) return { messageId: null, language, suggestions: [] };
  const kinds =
    context.channel === 'phone'
      ? (['answer', 'script', 'canned'] as const)
      : (['answer', 'canned', 'article'] as const);
  const hits = await searchKnowledgeBase(db, {
    clientId: context.client_id,
    text,
    language,
    kinds,
    limit: options.limit ?? 5,
    mode: 'message',
  });
  const values = {
    customerName: context.contact_name,
    agentName: options.agentName,
    clientName: context.client_name,
    conversationNumber: String(context.number),
  };
  return {
    messageId: context.message_id,
    language,
    suggestions: hits.map((hit) => ({
      itemId: hit.id,
      kind: hit.kind,
      title: hit.title,
      text: fillPlaceholders(hit.bodyText, values),
      language: hit.language as Locale,
      score: Math.round(hit.score * 1000) / 1000,
    })),
  };
}
