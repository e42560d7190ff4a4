import { Button, Group, Popover, Stack, Text, TextInput } from '@mantine/core';
import type { Message } from '@switchboard/contracts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getConversation } from '../api/conversations-api';
import { queryKeys } from '../api/query-keys';
import { ErrorAlert } from '../ui/error-alert';
import { notifySuccess } from '../ui/notify-error';
import { saveReplyAsAnswer } from './kb-api';
import { autoDirection } from './kb-options';

/** A first guess at the answer's title: the reply's opening words. */
const titleOf = (text: string) => {
  const line = text.trim().split(/\n/)[0] ?? '';
  return line.length > 80 ? `${line.slice(0, 77)}…` : line;
};

/**
 * "Save as answer" on a reply an agent sent: the reply becomes an answer in the knowledge base of the
 * conversation's client. Shown on the agency desk only (the conversation comes from the desk's route).
 */
export const SaveAsAnswerButton = ({ message }: { message: Pick<Message, 'id' | 'kind' | 'bodyText'> }) => {
  const { t } = useTranslation();
  const { conversationId } = useParams({ strict: false }) as { conversationId?: string };
  const conversation = useQuery({
    queryKey: queryKeys.conversation(conversationId ?? ''),
    queryFn: ({ signal }) => getConversation(conversationId!, signal),
    enabled: Boolean(conversationId),
  });
  const [opened, setOpened] = useState(false);
  const [title, setTitle] = useState(() => titleOf(message.bodyText));
  const clientId = conversation.data?.client.id;
  const save = useMutation({
    mutationFn: () => saveReplyAsAnswer(clientId!, { messageId: message.id, title }),
    onSuccess: () => {
      setOpened(false);
      notifySuccess(t('kb.saveAsAnswer.saved'));
    },
  });
  if (message.kind !== 'outgoing' || !clientId) return null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <Popover opened={opened} onChange={setOpened} width={320} position="bottom-end" withArrow trapFocus>
      <Popover.Target>
        <Button
          size="compact-xs"
          variant="subtle"
          onClick={() => setOpened((open) => !open)}
          data-testid="save-as-answer"
        >
          {t('kb.saveAsAnswer.button')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <form onSubmit={submit} noValidate data-testid="save-as-answer-form">
          <Stack gap="xs">
            <Text size="sm">{t('kb.saveAsAnswer.hint')}</Text>
            {save.error ? <ErrorAlert error={save.error} /> : null}
            <TextInput
              label={t('kb.itemTitle')}
              value={title}
              onChange={(event) => setTitle(event.currentTarget.value)}
              attributes={autoDirection}
              required
              data-testid="save-as-answer-title"
            />
            <Group justify="flex-end">
              <Button size="xs" type="submit" loading={save.isPending} disabled={!title.trim()}>
                {t('kb.saveAsAnswer.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Popover.Dropdown>
    </Popover>
  );
};
