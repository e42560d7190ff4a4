import { Badge, Box, Group, Paper, Text } from '@mantine/core';
import type { Message } from '@switchboard/contracts';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../format/use-format';
import { IconLock, IconPaperclip } from '../ui/icons';
import { activityText } from './activity-text';

type ThreadMessage = Omit<Message, 'conversationId'>;

const styles = {
  incoming: { bg: 'white', border: 'var(--mantine-color-gray-3)', align: 'flex-start' },
  outgoing: { bg: 'var(--mantine-color-indigo-0)', border: 'var(--mantine-color-indigo-2)', align: 'flex-end' },
  note: { bg: 'var(--mantine-color-yellow-0)', border: 'var(--mantine-color-yellow-4)', align: 'stretch' },
} as const;

const MessageBody = ({ message }: { message: ThreadMessage }) =>
  message.bodyHtml ? (
    // The server sanitised this HTML (see contracts: `bodyHtml`), which is what makes rendering it safe.
    // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised server-side
    <div className="message-html" dir="auto" dangerouslySetInnerHTML={{ __html: message.bodyHtml }} />
  ) : (
    <Text size="sm" className="message-text" dir="auto">
      {message.bodyText}
    </Text>
  );

export const ActivityLine = ({ message }: { message: ThreadMessage }) => {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Group justify="center" gap={6} py={2} data-testid="activity-line" wrap="nowrap">
      <Box h={1} bg="gray.3" style={{ flex: 1 }} />
      <Text size="xs" c="dimmed" ta="center">
        {activityText(message, t)} · {format.smart(message.createdAt)}
      </Text>
      <Box h={1} bg="gray.3" style={{ flex: 1 }} />
    </Group>
  );
};

export const MessageItem = ({ message, showChannel }: { message: ThreadMessage; showChannel?: string }) => {
  const { t } = useTranslation();
  const format = useFormat();
  if (message.kind === 'activity') return <ActivityLine message={message} />;
  const style = styles[message.kind];
  const isNote = message.kind === 'note';

  return (
    <Paper
      data-testid={`message-${message.kind}`}
      data-message-id={message.id}
      withBorder
      p="sm"
      radius="md"
      maw={isNote ? undefined : '85%'}
      style={{ alignSelf: style.align, background: style.bg, borderColor: style.border }}
    >
      <Group justify="space-between" gap="md" mb={4} wrap="nowrap">
        <Group gap={6} wrap="nowrap" miw={0}>
          {isNote && <IconLock size={14} color="var(--mantine-color-yellow-8)" aria-hidden />}
          <Text size="xs" fw={700} truncate="end">
            {message.author.name}
          </Text>
          <Text size="xs" c="dimmed">
            {t(`messageKind.${message.kind}`)}
            {showChannel ? ` · ${showChannel}` : ''}
          </Text>
          {isNote && message.visibleToClient && (
            <Badge size="xs" color="yellow" variant="outline">
              {t('thread.visibleToClient')}
            </Badge>
          )}
        </Group>
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }} title={format.dateTime(message.createdAt)}>
          {format.smart(message.createdAt)}
        </Text>
      </Group>
      <MessageBody message={message} />
      {message.attachments.length > 0 && (
        <Group gap={6} mt={6}>
          {message.attachments.map((attachment) => (
            <Badge
              key={attachment.id}
              variant="default"
              leftSection={<IconPaperclip size={12} />}
              style={{ textTransform: 'none' }}
            >
              {attachment.filename} ({format.number(Math.ceil(attachment.size / 1024))} KB)
            </Badge>
          ))}
        </Group>
      )}
    </Paper>
  );
};
