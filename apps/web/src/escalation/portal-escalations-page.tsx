import { Center, Container, Group, Paper, SegmentedControl, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../format/use-format';
import { ErrorAlert } from '../ui/error-alert';
import { DueText } from './due-text';
import { escalationKeys, listPortalEscalations, type PortalEscalationFilter } from './escalation-api';
import { EscalationStateBadge } from './escalation-state-badge';

/** The client's list of questions from the agency: overdue and open first, then the answered ones. */
export const PortalEscalationsPage = () => {
  const { t } = useTranslation('escalation');
  const format = useFormat();
  const [filter, setFilter] = useState<PortalEscalationFilter>(undefined);
  const list = useQuery({
    queryKey: escalationKeys.portalList(filter),
    queryFn: ({ signal }) => listPortalEscalations(filter, signal),
  });

  return (
    <Container size="xl" py="lg">
      <Stack gap="md">
        <Group justify="space-between" align="flex-end">
          <div>
            <Title order={2}>{t('portal.title')}</Title>
            <Text c="dimmed" size="sm">
              {t('portal.subtitle')}
            </Text>
          </div>
          <SegmentedControl
            value={filter ?? 'all'}
            onChange={(value) => setFilter(value === 'all' ? undefined : (value as PortalEscalationFilter))}
            data={['all', 'open', 'overdue', 'answered'].map((value) => ({ value, label: t(`filter.${value}`) }))}
            data-testid="escalation-filter"
          />
        </Group>
        <Paper withBorder radius="md">
          {list.isPending ? (
            <Stack p="sm" gap={6}>
              {[0, 1, 2].map((index) => (
                <Skeleton key={index} height={44} />
              ))}
            </Stack>
          ) : list.isError ? (
            <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
          ) : list.data.length === 0 ? (
            <Center p="xl" mih={160}>
              <Text c="dimmed">{t('portal.empty')}</Text>
            </Center>
          ) : (
            <Table highlightOnHover verticalSpacing="sm" data-testid="portal-escalations">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('portal.state')}</Table.Th>
                  <Table.Th>{t('portal.question')}</Table.Th>
                  <Table.Th>{t('portal.conversation')}</Table.Th>
                  <Table.Th>{t('portal.asked')}</Table.Th>
                  <Table.Th>{t('portal.due')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.map((escalation) => (
                  <Table.Tr key={escalation.id} data-testid="portal-escalation-row" data-state={escalation.state}>
                    <Table.Td>
                      <EscalationStateBadge state={escalation.state} />
                    </Table.Td>
                    <Table.Td maw={420}>
                      <Link
                        to="/portal/escalations/$escalationId"
                        params={{ escalationId: escalation.id }}
                        style={{ color: 'inherit', textDecoration: 'none' }}
                        data-testid="portal-escalation-link"
                      >
                        <Text size="sm" fw={600} lineClamp={2} dir="auto">
                          {escalation.question}
                        </Text>
                      </Link>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">#{format.number(escalation.conversationNumber)}</Text>
                      <Text size="xs" c="dimmed" lineClamp={1} dir="auto">
                        {escalation.customerName} · {escalation.conversationSubject}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs">{format.smart(escalation.createdAt)}</Text>
                    </Table.Td>
                    <Table.Td>
                      {escalation.state === 'open' || escalation.state === 'overdue' ? (
                        <DueText dueAt={escalation.dueAt} />
                      ) : (
                        <Text size="xs" c="dimmed">
                          {escalation.answeredAt ? format.smart(escalation.answeredAt) : '—'}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
      </Stack>
    </Container>
  );
};
