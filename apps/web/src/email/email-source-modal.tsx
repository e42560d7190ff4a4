import { Alert, Modal, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isProblem } from '../api/problem-error';
import { queryKeys } from '../api/query-keys';
import { ErrorAlert } from '../ui/error-alert';
import { PageLoader } from '../ui/page-loader';
import { getEmailOfMessage, getRawSource } from './email-api';
import { RawSourceView } from './raw-source-view';

type EmailSourceModalProps = { messageId: string; onClose: () => void };

/** The headers Switchboard recorded for a desk message, and the raw .eml it was made from. */
export const EmailSourceModal = ({ messageId, onClose }: EmailSourceModalProps) => {
  const { t } = useTranslation('email');
  const email = useQuery({
    queryKey: queryKeys.emailOfMessage(messageId),
    queryFn: ({ signal }) => getEmailOfMessage(messageId, signal),
    staleTime: Number.POSITIVE_INFINITY,
    retry: (count, error) => !isProblem(error, 404) && count < 2,
  });
  const rawUrl = email.data?.rawUrl ?? null;
  const raw = useQuery({
    queryKey: queryKeys.emailSource(messageId),
    queryFn: ({ signal }) => getRawSource(rawUrl ?? '', signal),
    enabled: rawUrl !== null,
    staleTime: Number.POSITIVE_INFINITY,
  });

  const header = (label: string, value: string) => (
    <Table.Tr>
      <Table.Th w={120} fz="xs">
        {label}
      </Table.Th>
      <Table.Td fz="xs" style={{ overflowWrap: 'anywhere' }}>
        <bdi>{value}</bdi>
      </Table.Td>
    </Table.Tr>
  );

  const body = () => {
    if (email.isPending) return <PageLoader />;
    if (email.isError) {
      return isProblem(email.error, 404) ? (
        <Text size="sm" c="dimmed">
          {t('source.none')}
        </Text>
      ) : (
        <ErrorAlert error={email.error} onRetry={() => void email.refetch()} />
      );
    }
    const info = email.data;
    return (
      <Stack gap="sm">
        <Table withRowBorders={false} verticalSpacing={2} data-testid="email-headers">
          <Table.Tbody>
            {header(t('source.from'), info.from)}
            {header(t('source.subject'), info.subject)}
            {header(t('source.messageId'), info.rfcMessageId)}
            {header(t('source.via'), t(`via.${info.via}`, { defaultValue: info.via }))}
          </Table.Tbody>
        </Table>
        {info.reusedMessageId && (
          <Alert color="yellow" data-testid="email-reused-message-id">
            {t('source.reusedMessageId')}
          </Alert>
        )}
        {!info.rawUrl ? (
          <Text size="sm" c="dimmed">
            {t('source.none')}
          </Text>
        ) : raw.isPending ? (
          <PageLoader />
        ) : raw.isError ? (
          <ErrorAlert error={raw.error} onRetry={() => void raw.refetch()} />
        ) : (
          <RawSourceView raw={raw.data} downloadUrl={info.rawUrl} filename={`message-${messageId}.eml`} />
        )}
      </Stack>
    );
  };

  return (
    <Modal opened onClose={onClose} title={t('source.title')} size="xl">
      <div data-testid="email-source">{body()}</div>
    </Modal>
  );
};
