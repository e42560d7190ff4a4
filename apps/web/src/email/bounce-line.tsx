import { Group, Paper, Text } from '@mantine/core';
import { EmailBounceActivity, type Message } from '@switchboard/contracts';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../format/use-format';
import { IconAlertTriangle } from '../ui/icons';
import { AttachmentList } from './attachment-list';
import { isolate } from './isolate';

/** The activity a bounce (DSN) leaves in the conversation whose reply it concerns. */
export const bounceOf = (message: Pick<Message, 'kind' | 'activity'>): EmailBounceActivity | null =>
  message.kind === 'activity' ? (EmailBounceActivity.safeParse(message.activity).data ?? null) : null;

type BounceLineProps = { bounce: EmailBounceActivity; message: Pick<Message, 'createdAt' | 'attachments'> };

/** A bounce is a warning an agent must not miss, not one more grey activity line; the report is attached. */
export const BounceLine = ({ bounce, message }: BounceLineProps) => {
  const { t } = useTranslation('email');
  const format = useFormat();
  const reason = [
    bounce.diagnostic && isolate(bounce.diagnostic),
    bounce.code && t('bounce.code', { code: isolate(bounce.code) }),
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <Paper
      withBorder
      radius="md"
      px="sm"
      py={6}
      bg="red.0"
      style={{ borderColor: 'var(--mantine-color-red-3)' }}
      role="alert"
      data-testid="bounce-line"
    >
      <Group gap={8} wrap="nowrap" align="flex-start">
        <IconAlertTriangle size={16} color="var(--mantine-color-red-7)" aria-hidden style={{ flexShrink: 0 }} />
        <div style={{ minWidth: 0, flex: 1 }}>
          <Text size="sm" fw={600} c="red.8">
            {bounce.recipient ? (
              <>
                {t('bounce.to')} <bdi>{bounce.recipient}</bdi>
              </>
            ) : (
              t('bounce.unknownRecipient')
            )}
          </Text>
          {reason && (
            <Text size="xs" c="red.9" style={{ overflowWrap: 'anywhere' }}>
              {reason}
            </Text>
          )}
          <AttachmentList attachments={message.attachments} />
        </div>
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {format.smart(message.createdAt)}
        </Text>
      </Group>
    </Paper>
  );
};
