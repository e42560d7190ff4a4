import { Anchor, Box, Container, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { getPortalConversation } from '../api/portal-api';
import { queryKeys } from '../api/query-keys';
import { MessageThread } from '../desk/message-thread';
import { useFormat } from '../format/use-format';
import { ChannelIcon } from '../ui/channel-icon';
import { ErrorAlert } from '../ui/error-alert';
import { IconArrowLeft, IconArrowRight } from '../ui/icons';
import { PageLoader } from '../ui/page-loader';
import { StatusBadge } from '../ui/status-badge';

const route = getRouteApi('/app/portal/$number');

const Fact = ({ label, children }: { label: string; children: React.ReactNode }) => (
  <div>
    <Text size="xs" c="dimmed" fw={600} tt="uppercase">
      {label}
    </Text>
    <Box fz="sm">{children}</Box>
  </div>
);

export const PortalConversationPage = () => {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const { number } = route.useParams();
  const query = useQuery({
    queryKey: queryKeys.portalConversation(number),
    queryFn: ({ signal }) => getPortalConversation(number, signal),
  });
  const BackIcon = i18n.dir() === 'rtl' ? IconArrowRight : IconArrowLeft;

  return (
    <Container size="lg" py="lg">
      <Stack gap="md">
        <Anchor component={Link} to="/portal" size="sm">
          <Group gap={4}>
            <BackIcon size={14} />
            {t('portal.back')}
          </Group>
        </Anchor>
        {query.isPending ? (
          <PageLoader />
        ) : query.isError ? (
          <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <>
            <Paper withBorder p="lg" radius="md">
              <Stack gap="md">
                <Group gap="sm">
                  <ChannelIcon channel={query.data.channel} size={22} />
                  <Text c="dimmed" fw={600}>
                    #{format.number(query.data.number)}
                  </Text>
                  <StatusBadge status={query.data.status} />
                </Group>
                <Title order={2} size="h3" data-testid="portal-subject">
                  {query.data.subject || t('desk.noSubject')}
                </Title>
                <SimpleGrid cols={{ base: 2, sm: 4 }}>
                  <Fact label={t('portal.columns.customer')}>
                    {query.data.contact.name}
                    <Text size="xs" c="dimmed">
                      <bdi>{query.data.contact.email ?? query.data.contact.phone ?? ''}</bdi>
                    </Text>
                  </Fact>
                  <Fact label={t('portal.columns.channel')}>{t(`channel.${query.data.channel}`)}</Fact>
                  <Fact label={t('portal.opened')}>{format.dateTime(query.data.createdAt)}</Fact>
                  <Fact label={t('portal.columns.participants')}>{query.data.participants.join(', ')}</Fact>
                </SimpleGrid>
              </Stack>
            </Paper>
            <Box data-testid="portal-thread">
              <MessageThread messages={query.data.messages} channelLabel={t(`channel.${query.data.channel}`)} />
            </Box>
          </>
        )}
      </Stack>
    </Container>
  );
};
