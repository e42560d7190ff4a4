import { Box, Button, Checkbox, Group, Paper, Tabs, Text, Textarea } from '@mantine/core';
import type { ConversationDetail, Message } from '@switchboard/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { postMessage } from '../api/conversations-api';
import { queryKeys } from '../api/query-keys';
import { MacroPalette } from '../automation/macro-palette';
import { useAgentTyping } from '../chat/use-agent-typing';
import { SuggestionsPanel } from '../kb/suggestions-panel';
import { IconLock, IconSend } from '../ui/icons';
import { notifyError } from '../ui/notify-error';
import { useDeskFocus } from './desk-context';

type Mode = 'reply' | 'note';

export const ReplyBox = ({ conversation }: { conversation: ConversationDetail }) => {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { reply: replyRef } = useDeskFocus();
  // A call has no written channel back to the caller: only a note can be added (the server refuses a reply).
  const takesReply = conversation.channel !== 'phone';
  const [chosenMode, setMode] = useState<Mode>('reply');
  const mode: Mode = takesReply ? chosenMode : 'note';
  const [body, setBody] = useState('');
  const [visibleToClient, setVisibleToClient] = useState(false);

  const send = useMutation({
    mutationFn: () =>
      postMessage(conversation.id, {
        kind: mode,
        body: body.trim(),
        visibleToClient: mode === 'note' ? visibleToClient : false,
      }),
    onSuccess: (message: Message) => {
      // Show the message at once; the refetch then brings any activity it caused.
      queryClient.setQueryData<ConversationDetail>(queryKeys.conversation(conversation.id), (current) =>
        current && !current.messages.some((existing) => existing.id === message.id)
          ? { ...current, messages: [...current.messages, message] }
          : current,
      );
      void queryClient.invalidateQueries({ queryKey: queryKeys.conversation(conversation.id) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.conversationLists });
      setBody('');
      setVisibleToClient(false);
    },
    onError: notifyError,
  });

  const canSend = body.trim().length > 0 && !send.isPending;
  const isNote = mode === 'note';
  useAgentTyping(conversation.id, conversation.channel === 'chat' && !isNote, body);

  const lastIncoming = conversation.messages.filter((message) => message.kind === 'incoming').at(-1);
  const insert = (text: string) => {
    setMode('reply');
    setBody((current) => (current.trim() ? `${current.trimEnd()}\n\n${text}` : text));
    replyRef.current?.focus();
  };

  return (
    <Group align="stretch" gap="sm" wrap="nowrap">
      <Paper
        withBorder
        style={{
          flex: 1,
          minWidth: 0,
          borderColor: isNote ? 'var(--mantine-color-yellow-5)' : undefined,
          overflow: 'hidden',
        }}
        radius="md"
        p={0}
      >
        <Tabs value={mode} onChange={(value) => setMode(value === 'note' ? 'note' : 'reply')} variant="default">
          <Tabs.List px="xs">
            <Tabs.Tab
              value="reply"
              leftSection={<IconSend size={14} />}
              data-testid="tab-reply"
              disabled={!takesReply}
              title={takesReply ? undefined : t('reply.phoneTakesNoReply')}
            >
              {t('reply.reply')}
            </Tabs.Tab>
            <Tabs.Tab value="note" leftSection={<IconLock size={14} />} data-testid="tab-note">
              {t('reply.note')}
            </Tabs.Tab>
            <MacroPalette conversationId={conversation.id} onDraft={insert} />
          </Tabs.List>
        </Tabs>
        <Textarea
          ref={replyRef}
          variant="unstyled"
          px="sm"
          autosize
          minRows={3}
          maxRows={12}
          value={body}
          onChange={(event) => setBody(event.currentTarget.value)}
          placeholder={
            !takesReply
              ? t('reply.phoneNotePlaceholder')
              : isNote
                ? t('reply.notePlaceholder')
                : t('reply.replyPlaceholder', { name: conversation.contact.name })
          }
          aria-label={isNote ? t('reply.note') : t('reply.reply')}
          styles={{ input: { background: isNote ? 'var(--mantine-color-yellow-0)' : undefined } }}
          data-testid="reply-body"
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && canSend) {
              event.preventDefault();
              send.mutate();
            }
            if (event.key === 'Escape') event.currentTarget.blur();
          }}
        />
        <Group justify="space-between" px="sm" py={8} bg={isNote ? 'yellow.0' : 'gray.0'}>
          {isNote ? (
            <Checkbox
              size="xs"
              label={t('reply.visibleToClient')}
              checked={visibleToClient}
              onChange={(event) => setVisibleToClient(event.currentTarget.checked)}
              data-testid="note-visible"
            />
          ) : (
            <Text size="xs" c="dimmed">
              {t('reply.sendHint')}
            </Text>
          )}
          <Button
            size="xs"
            color={isNote ? 'yellow' : 'indigo'}
            onClick={() => send.mutate()}
            disabled={!canSend}
            loading={send.isPending}
            data-testid="send-message"
          >
            {isNote ? t('reply.addNote') : t('reply.send')}
          </Button>
        </Group>
      </Paper>
      <Box visibleFrom="md">
        <SuggestionsPanel conversationId={conversation.id} lastMessageId={lastIncoming?.id} onInsert={insert} />
      </Box>
    </Group>
  );
};
