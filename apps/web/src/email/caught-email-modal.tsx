import { Modal, Stack, Table } from '@mantine/core';
import type { CaughtEmail } from '@switchboard/contracts';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../api/query-keys';
import { useFormat } from '../format/use-format';
import { ErrorAlert } from '../ui/error-alert';
import { PageLoader } from '../ui/page-loader';
import { getCaughtEmail } from './email-api';
import { RawSourceView } from './raw-source-view';

/** One caught e-mail: its envelope and the source exactly as it would have gone out. */
export const CaughtEmailModal = ({ mail, onClose }: { mail: CaughtEmail; onClose: () => void }) => {
  const { t } = useTranslation('email');
  const format = useFormat();
  // The list carries summaries only; the source is fetched for the one message opened.
  const source = useQuery({
    queryKey: queryKeys.caughtEmail(mail.id),
    queryFn: ({ signal }) => getCaughtEmail(mail.id, signal),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const rows: [string, string][] = [
    [t('catcher.time'), format.dateTime(mail.createdAt)],
    [t('catcher.from'), mail.from],
    [t('catcher.to'), mail.to],
    [t('catcher.subject'), mail.subject],
    [t('source.messageId'), mail.messageId],
  ];
  return (
    <Modal opened onClose={onClose} title={t('catcher.messageTitle')} size="xl">
      <Stack gap="sm" data-testid="caught-email">
        <Table withRowBorders={false} verticalSpacing={2}>
          <Table.Tbody>
            {rows.map(([label, value]) => (
              <Table.Tr key={label}>
                <Table.Th w={120} fz="xs">
                  {label}
                </Table.Th>
                <Table.Td fz="xs" style={{ overflowWrap: 'anywhere' }}>
                  <bdi>{value}</bdi>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {source.isPending ? (
          <PageLoader />
        ) : source.isError ? (
          <ErrorAlert error={source.error} onRetry={() => void source.refetch()} />
        ) : (
          <RawSourceView raw={source.data.raw} filename={`caught-${mail.id}.eml`} />
        )}
      </Stack>
    </Modal>
  );
};
