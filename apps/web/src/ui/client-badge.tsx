import { Badge } from '@mantine/core';

const palette = ['indigo', 'teal', 'grape', 'orange', 'cyan', 'pink', 'lime', 'violet'] as const;

/** A stable colour per client (FNV-1a of its slug), so agents learn to tell clients apart at a glance. */
export const clientColor = (slug: string): (typeof palette)[number] => {
  let hash = 2166136261;
  for (const char of slug) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 16777619);
  }
  return palette[(hash >>> 0) % palette.length] ?? 'indigo';
};

export const ClientBadge = ({ client }: { client: { slug: string; name: string } }) => (
  <Badge color={clientColor(client.slug)} variant="light" size="sm" maw={140} style={{ textTransform: 'none' }}>
    {client.name}
  </Badge>
);
