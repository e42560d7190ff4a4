import { Badge, Paper, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../format/use-format';
import { ErrorAlert } from '../ui/error-alert';
import { PageLoader } from '../ui/page-loader';
import { automationKeys, listRuns } from './automation-api';

const outcomeColor = { applied: 'green', skipped: 'gray', failed: 'red' } as const;

/** What the rules did lately: which rule, on which conversation, for which event, and each action's result. */
export const RunsTab = ({ clientId }: { clientId: string | null }) => {
  const { t } = useTranslation('automation');
  const format = useFormat();
  // Agency-wide rules run on every client's conversations: without a client, show them all.
  const runs = useQuery({
    queryKey: automationKeys.runs(clientId),
    queryFn: ({ signal }) => listRuns(clientId, signal),
    refetchInterval: 15_000,
  });
  if (runs.isPending) return <PageLoader />;
  if (runs.isError) return <ErrorAlert error={runs.error} onRetry={() => void runs.refetch()} />;
  if (runs.data.length === 0)
    return (
      <Paper withBorder p="lg" radius="md">
        <Text c="dimmed" size="sm">
          {t('runs.empty')}
        </Text>
      </Paper>
    );
  return (
    <Paper withBorder radius="md">
      <Table.ScrollContainer minWidth={800}>
        <Table verticalSpacing="xs" data-testid="runs-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('runs.when')}</Table.Th>
              <Table.Th>{t('runs.rule')}</Table.Th>
              <Table.Th>{t('runs.event')}</Table.Th>
              <Table.Th>{t('runs.conversation')}</Table.Th>
              <Table.Th>{t('runs.outcome')}</Table.Th>
              <Table.Th>{t('runs.results')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {runs.data.map((run) => (
              <Table.Tr key={run.id} data-testid="run-row">
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Text size="xs">{format.smart(run.createdAt)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" dir="auto">
                    {run.ruleName}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="xs">{t(`events.${run.event}`)}</Text>
                </Table.Td>
                <Table.Td>
                  <Link
                    to="/desk/$conversationId"
                    params={{ conversationId: run.conversation.id }}
                    search={{}}
                    style={{ color: 'var(--mantine-color-indigo-7)', fontSize: 'var(--mantine-font-size-sm)' }}
                  >
                    #{format.number(run.conversation.number)} <bdi>{run.conversation.subject}</bdi>
                  </Link>
                </Table.Td>
                <Table.Td>
                  <Badge color={outcomeColor[run.outcome]} variant="light">
                    {t(`runs.${run.outcome}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Stack gap={0}>
                    {run.results.map((result, index) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: results are positional
                      <Text key={index} size="xs" c={result.ok ? undefined : 'red'} dir="ltr" ta="start">
                        {result.text}
                      </Text>
                    ))}
                  </Stack>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
};
