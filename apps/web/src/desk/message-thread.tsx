import { Stack, Text } from '@mantine/core';
import type { Channel, Message } from '@switchboard/contracts';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { MessageItem } from './message-item';
import { useStickToBottom } from './use-stick-to-bottom';

type ThreadProps = { messages: Omit<Message, 'conversationId'>[]; channelLabel?: string; channel?: Channel };

export const MessageThread = ({ messages, channelLabel, channel }: ThreadProps) => {
  const { t } = useTranslation();
  const end = useRef<HTMLDivElement>(null);
  const thread = useRef<HTMLDivElement>(null);
  useStickToBottom(thread, end, messages.at(-1)?.id);

  if (messages.length === 0) {
    return (
      <Text c="dimmed" size="sm" ta="center" py="xl">
        {t('thread.empty')}
      </Text>
    );
  }
  return (
    <Stack gap="sm" data-testid="message-thread" ref={thread}>
      {messages.map((message) => (
        <MessageItem key={message.id} message={message} showChannel={channelLabel} channel={channel} />
      ))}
      <div ref={end} />
    </Stack>
  );
};
