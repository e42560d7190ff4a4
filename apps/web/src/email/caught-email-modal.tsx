import { Modal, Stack, Table } from '@mantine/core';
import type { CaughtEmail } from '@switchboard/contracts';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../format/use-format';
import { RawSourceView } from './raw-source-view';

/** One caught e-mail: its envelope and the source exactly as it would have gone out. */
export const CaughtEmailModal = ({ mail, onClose }: { mail: CaughtEmail; onClose: () => void }) => {
  const { t } = useTranslation('email');
  const format = useFormat();
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
        <RawSourceView raw={mail.raw} filename={`caught-${mail.id}.eml`} />
      </Stack>
    </Modal>
  );
};
