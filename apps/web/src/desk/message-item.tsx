import { Badge, Box, Group, Paper, Text } from '@mantine/core';
import type { Channel, Message } from '@switchboard/contracts';
import { useTranslation } from 'react-i18next';
import {
  AttachmentList,
  AutoReplyBadge,
  BounceLine,
  bounceOf,
  DeliveryBadge,
  DeliveryFailure,
  deliveryOf,
  isAutoReply,
  MessageHtmlBody,
  SenderAuthBadge,
  senderAuthOf,
  ViewSourceButton,
} from '../email';
import { useFormat } from '../format/use-format';
import { SaveAsAnswerButton } from '../kb';
import { IconLock } from '../ui/icons';
import { activityText } from './activity-text';

type ThreadMessage = Omit<Message, 'conversationId'>;

const styles = {
  incoming: { bg: 'white', border: 'var(--mantine-color-gray-3)', align: 'flex-start' },
  outgoing: { bg: 'var(--mantine-color-indigo-0)', border: 'var(--mantine-color-indigo-2)', align: 'flex-end' },
  note: { bg: 'var(--mantine-color-yellow-0)', border: 'var(--mantine-color-yellow-4)', align: 'stretch' },
} as const;

const MessageBody = ({ message, onEmailDesk }: { message: ThreadMessage; onEmailDesk: boolean }) =>
  message.bodyHtml ? (
    <MessageHtmlBody messageId={message.id} html={message.bodyHtml} canShowImages={onEmailDesk} />
  ) : (
    <Text size="sm" className="message-text" dir="auto">
      {message.bodyText}
    </Text>
  );

/** SLA warnings and breaches stand out on the timeline. */
const slaTone = (message: ThreadMessage) =>
  message.activity?.action === 'sla.breach' ? 'red.7' : message.activity?.action === 'sla.warning' ? 'orange.7' : null;

export const ActivityLine = ({ message }: { message: ThreadMessage }) => {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Group justify="center" gap={6} py={2} data-testid="activity-line" wrap="nowrap">
      <Box h={1} bg="gray.3" style={{ flex: 1 }} />
      <Text size="xs" c={slaTone(message) ?? 'dimmed'} fw={slaTone(message) ? 600 : undefined} ta="center">
        {activityText(message, t, format.smart)} · {format.smart(message.createdAt)}
      </Text>
      <Box h={1} bg="gray.3" style={{ flex: 1 }} />
    </Group>
  );
};

type MessageItemProps = {
  message: ThreadMessage;
  showChannel?: string;
  /** The conversation's channel, given on the agency desk: it turns on that channel's tools (e-mail source, images, delivery). */
  channel?: Channel;
};

export const MessageItem = ({ message, showChannel, channel }: MessageItemProps) => {
  const { t } = useTranslation();
  const format = useFormat();
  const bounce = bounceOf(message);
  if (bounce) return <BounceLine bounce={bounce} message={message} />;
  if (message.kind === 'activity') return <ActivityLine message={message} />;
  const style = styles[message.kind];
  const isNote = message.kind === 'note';
  const onEmailDesk = channel === 'email';
  const delivery = onEmailDesk && message.kind === 'outgoing' ? deliveryOf(message) : null;
  const senderAuth = onEmailDesk ? senderAuthOf(message) : null;

  return (
    <Paper
      data-testid={`message-${message.kind}`}
      data-message-id={message.id}
      withBorder
      p="sm"
      radius="md"
      maw={isNote ? undefined : '85%'}
      // An HTML body sits in a frame, which has no width of its own to give the bubble.
      w={message.bodyHtml && !isNote ? '85%' : undefined}
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
          {senderAuth && <SenderAuthBadge auth={senderAuth} />}
          {isAutoReply(message) && <AutoReplyBadge />}
          {onEmailDesk && message.kind === 'outgoing' && <DeliveryBadge delivery={delivery} />}
        </Group>
        <Group gap={4} wrap="nowrap">
          {onEmailDesk && (message.kind === 'incoming' || message.kind === 'outgoing') && (
            <ViewSourceButton messageId={message.id} />
          )}
          {channel && message.kind === 'outgoing' && <SaveAsAnswerButton message={message} />}
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }} title={format.dateTime(message.createdAt)}>
            {format.smart(message.createdAt)}
          </Text>
        </Group>
      </Group>
      <MessageBody message={message} onEmailDesk={onEmailDesk} />
      <DeliveryFailure delivery={delivery} />
      <AttachmentList attachments={message.attachments} />
    </Paper>
  );
};
