export type PlaceholderValues = {
  customerName: string;
  agentName: string;
  clientName: string;
  conversationNumber: string;
};

/**
 * `{{customer.name}}`, `{{customer.first_name}}`, `{{agent.name}}`, `{{agent.first_name}}`,
 * `{{client.name}}`, `{{conversation.number}}`. An unknown placeholder is left as written, so the
 * agent sees it before sending.
 */
export function fillPlaceholders(text: string, values: PlaceholderValues): string {
  const first = (name: string) => name.trim().split(/\s+/)[0] ?? name;
  const known: Record<string, string> = {
    'customer.name': values.customerName,
    'customer.first_name': first(values.customerName),
    'agent.name': values.agentName,
    'agent.first_name': first(values.agentName),
    'client.name': values.clientName,
    'conversation.number': values.conversationNumber,
  };
  return text.replace(/\{\{\s*([a-z_.]+)\s*\}\}/g, (match, key: string) => known[key] ?? match);
}
