import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../format/use-format';
import { useNow } from '../format/use-now';
import { useImapMailboxes } from './use-imap-mailboxes';

/** An inbox's IMAP mailbox at a glance: when it last synced, and the last error if the sync is failing. */
export const ImapStatus = ({ inboxId }: { inboxId: string }) => {
  const { t } = useTranslation('email');
  const format = useFormat();
  const now = useNow();
  const mailboxes = useImapMailboxes();
  if (mailboxes.isPending) return null;
  if (mailboxes.isError) {
    return (
      <Text size="xs" c="dimmed">
        {t('imap.unknown')}
      </Text>
    );
  }
  const state = mailboxes.data.items.find((item) => item.inboxId === inboxId);
  if (!state) {
    return (
      <Text size="xs" c="dimmed" data-testid="imap-status" data-state="none">
        {t('imap.none')}
      </Text>
    );
  }
  return (
    <Group gap={6} wrap="nowrap" data-testid="imap-status" data-state={state.lastError ? 'error' : 'ok'}>
      {state.lastError ? (
        <Tooltip label={state.lastError} multiline maw={360}>
          <Badge size="xs" color="red" variant="light">
            {t('imap.failing')}
          </Badge>
        </Tooltip>
      ) : (
        <Badge size="xs" color="green" variant="light">
          {t('imap.ok')}
        </Badge>
      )}
      <Text size="xs" c="dimmed" title={state.lastSyncAt ? format.dateTime(state.lastSyncAt) : undefined}>
        {state.lastSyncAt ? t('imap.lastSync', { when: format.ago(state.lastSyncAt, now) }) : t('imap.neverSynced')}
      </Text>
    </Group>
  );
};

/** The full last error, for the settings form where there is room to read it. */
export const ImapLastError = ({ inboxId }: { inboxId: string }) => {
  const { t } = useTranslation('email');
  const mailboxes = useImapMailboxes();
  const error = mailboxes.data?.items.find((item) => item.inboxId === inboxId)?.lastError;
  if (!error) return null;
  return (
    <Text size="xs" c="red.8" style={{ overflowWrap: 'anywhere' }} dir="ltr">
      {t('imap.lastError', { error })}
    </Text>
  );
};
