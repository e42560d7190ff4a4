import { Badge, Tooltip } from '@mantine/core';
import type { Message } from '@switchboard/contracts';
import { useTranslation } from 'react-i18next';

export const isAutoReply = (message: Pick<Message, 'kind' | 'activity'>): boolean =>
  message.kind === 'incoming' && message.activity?.autoReply === true;

/** Out-of-office and other automatic answers: shown, but they neither reopen nor restart the clock. */
export const AutoReplyBadge = () => {
  const { t } = useTranslation('email');
  return (
    <Tooltip label={t('autoReply.hint')} multiline maw={320}>
      <Badge size="xs" color="grape" variant="light" data-testid="auto-reply-badge">
        {t('autoReply.badge')}
      </Badge>
    </Tooltip>
  );
};
