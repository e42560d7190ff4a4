import { Badge, Button, Group, Paper, ScrollArea, Stack, Text } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { getSuggestions, kbKeys, recordSuggestionUse } from './kb-api';

type Props = { conversationId: string; lastMessageId: string | undefined; onInsert: (text: string) => void };

/** Answers from the client's knowledge base for the customer's latest message; one click inserts one. */
export const SuggestionsPanel = ({ conversationId, lastMessageId, onInsert }: Props) => {
  const { t } = useTranslation();
  const suggestions = useQuery({
    // The latest message is part of the key: a new customer message brings new suggestions.
    queryKey: [...kbKeys.suggestions(conversationId), lastMessageId],
    queryFn: ({ signal }) => getSuggestions(conversationId, signal),
    staleTime: 15_000,
  });
  const use = useMutation({ mutationFn: (itemId: string) => recordSuggestionUse(conversationId, itemId) });
  const items = suggestions.data?.suggestions ?? [];

  return (
    <Paper withBorder radius="md" p="xs" w={300} data-testid="kb-suggestions" style={{ flexShrink: 0 }}>
      <Text size="xs" fw={600} c="dimmed" mb={6}>
        {t('kb.suggestions')}
      </Text>
      <ScrollArea.Autosize mah={180} type="auto">
        <Stack gap={6}>
          {items.length === 0 && (
            <Text size="xs" c="dimmed">
              {suggestions.isLoading ? t('kb.loading') : t('kb.noSuggestions')}
            </Text>
          )}
          {items.map((suggestion) => (
            <Paper key={suggestion.itemId} bg="gray.0" p={6} radius="sm" data-testid="kb-suggestion">
              <Group justify="space-between" gap={4} wrap="nowrap">
                <Text size="xs" fw={600} lineClamp={1} title={suggestion.title} dir="auto">
                  {suggestion.title}
                </Text>
                <Badge size="xs" variant="light">
                  {t(`kb.kind.${suggestion.kind}`)}
                </Badge>
              </Group>
              <Text size="xs" c="dimmed" lineClamp={2} dir="auto">
                {suggestion.text}
              </Text>
              <Button
                size="compact-xs"
                variant="light"
                mt={4}
                data-testid="kb-insert"
                onClick={() => {
                  onInsert(suggestion.text);
                  use.mutate(suggestion.itemId);
                }}
              >
                {t('kb.insert')}
              </Button>
            </Paper>
          ))}
        </Stack>
      </ScrollArea.Autosize>
    </Paper>
  );
};
