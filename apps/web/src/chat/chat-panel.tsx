import { Anchor, Badge, Button, Group, Stack, Text } from '@mantine/core';
import type { ConversationDetail } from '@switchboard/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../format/use-format';
import { IconClock, IconMail } from '../ui/icons';
import { notifyError, notifySuccess } from '../ui/notify-error';
import { chatDetailKey, escalateChat, getChatDetail, markChatRead } from './chat-api';

/** Only what a browser would show: an http(s) address, never a `javascript:` one. */
const safeHref = (url: string | null) => (url && /^https?:\/\//i.test(url) ? url : undefined);

/**
 * The side panel of a live chat: the page the visitor is on, whether their identity is verified,
 * the rating they gave, and the way out when the agent cannot answer now (escalate to e-mail).
 */
export const ChatPanel = ({ conversation }: { conversation: ConversationDetail }) => {
  const { t } = useTranslation('chat');
  const format = useFormat();
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: chatDetailKey(conversation.id),
    queryFn: ({ signal }) => getChatDetail(conversation.id, signal),
  });
  const lastIncoming = conversation.messages.filter((m) => m.kind === 'incoming').at(-1)?.id;

  // The agent has the chat in front of them: the visitor sees "read".
  useEffect(() => {
    if (lastIncoming) void markChatRead(conversation.id).catch(() => {});
  }, [conversation.id, lastIncoming]);

  const escalate = useMutation({
    mutationFn: () => escalateChat(conversation.id),
    onSuccess: (detail) => {
      queryClient.setQueryData(chatDetailKey(conversation.id), detail);
      void queryClient.invalidateQueries({ queryKey: ['conversation', conversation.id] });
      notifySuccess(t('escalated'));
    },
    onError: notifyError,
  });

  const chat = query.data;
  if (!chat) return null;
  const href = safeHref(chat.pageUrl);
  return (
    <Stack gap={8} data-testid="chat-panel">
      <div>
        <Text size="xs" c="dimmed">
          {t('page')}
        </Text>
        {chat.pageUrl ? (
          <Anchor
            href={href}
            target="_blank"
            rel="noopener noreferrer"
            size="sm"
            dir="auto"
            style={{ overflowWrap: 'anywhere' }}
            data-testid="chat-page"
          >
            {chat.pageTitle || chat.pageUrl}
          </Anchor>
        ) : (
          <Text size="sm" c="dimmed">
            {t('noPage')}
          </Text>
        )}
      </div>
      <Group gap={6}>
        {chat.verified && (
          <Badge color="teal" variant="light" size="sm">
            {t('verified')}
          </Badge>
        )}
        {chat.rating !== null && (
          <Badge color="yellow" variant="light" size="sm" data-testid="chat-rating">
            {t('rating', { score: format.number(chat.rating) })}
          </Badge>
        )}
      </Group>
      {(chat.claimedEmail || chat.claimedPhone) && (
        <Text size="sm" dir="auto" style={{ overflowWrap: 'anywhere' }} data-testid="chat-claimed">
          {t('claimed', { contact: [chat.claimedEmail, chat.claimedPhone].filter(Boolean).join(', ') })}
        </Text>
      )}
      {chat.ratingComment && (
        <Text size="sm" dir="auto" className="user-text" fs="italic">
          “{chat.ratingComment}”
        </Text>
      )}
      {chat.escalatedAt ? (
        <Group gap={6} wrap="nowrap">
          <IconMail size={14} color="var(--mantine-color-orange-6)" />
          <Text size="xs" data-testid="chat-escalated">
            {t('escalatedAt', { time: format.dateTime(chat.escalatedAt) })}
          </Text>
        </Group>
      ) : (
        <Button
          size="xs"
          variant="light"
          color="orange"
          fullWidth
          leftSection={<IconClock size={14} />}
          loading={escalate.isPending}
          onClick={() => escalate.mutate()}
          data-testid="chat-escalate"
        >
          {t('escalate')}
        </Button>
      )}
      {!chat.escalatedAt && (
        <Text size="xs" c="dimmed">
          {t('escalateHint')}
        </Text>
      )}
    </Stack>
  );
};
