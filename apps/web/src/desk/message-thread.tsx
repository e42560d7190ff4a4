import { Stack, Text } from '@mantine/core';
import type { Message } from '@switchboard/contracts';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { MessageItem } from './message-item';

type ThreadProps = { messages: Omit<Message, 'conversationId'>[]; channelLabel?: string };

export const MessageThread = ({ messages, channelLabel }: ThreadProps) => {
  const { t } = useTranslation();
  const end = useRef<HTMLDivElement>(null);
  const lastId = messages.at(-1)?.id;

  // Newest at the bottom, like every mail and chat client: follow it when something arrives.
  useEffect(() => {
    if (lastId) end.current?.scrollIntoView({ block: 'end' });
  }, [lastId]);

  if (messages.length === 0) {
    return (
      <Text c="dimmed" size="sm" ta="center" py="xl">
        {t('thread.empty')}
      </Text>
    );
  }
  return (
    <Stack gap="sm" data-testid="message-thread">
      {messages.map((message) => (
        <MessageItem key={message.id} message={message} showChannel={channelLabel} />
      ))}
      <div ref={end} />
    </Stack>
  );
};
