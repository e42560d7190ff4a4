import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useVisitorTyping } from './visitor-typing-store';

/** "Dana is typing…" under the thread while the visitor types in the widget. */
export const VisitorTyping = ({ conversationId, fallbackName }: { conversationId: string; fallbackName: string }) => {
  const { t } = useTranslation('chat');
  const name = useVisitorTyping(conversationId);
  if (name === null) return null;
  return (
    <Text size="xs" c="dimmed" fs="italic" px="md" py={4} bg="gray.0" data-testid="visitor-typing" dir="auto">
      {t('typing', { name: name || fallbackName })}
    </Text>
  );
};
