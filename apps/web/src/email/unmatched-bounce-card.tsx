import { Badge, Group, Paper, SimpleGrid, Text } from '@mantine/core';
import type { UnmatchedBounce } from '@switchboard/contracts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../format/use-format';
import { ClientBadge } from '../ui/client-badge';

type UnmatchedBounceCardProps = { bounce: UnmatchedBounce; client: { slug: string; name: string } | undefined };

// gray.7 on white is 8:1; Mantine's "dimmed" (gray.6) is 3.3:1, below WCAG AA for small text.
const labelColor = 'gray.7';

/** One term of the card: a label and what the report says, or "none given". */
const Fact = ({ label, children, testId }: { label: string; children: ReactNode; testId: string }) => (
  <div>
    <Text component="dt" size="xs" fw={600} c={labelColor}>
      {label}
    </Text>
    <Text component="dd" size="sm" m={0} style={{ overflowWrap: 'anywhere' }} data-testid={testId}>
      {children}
    </Text>
  </div>
);

/** Addresses, Message-IDs and status codes are Latin machine text: kept left to right inside Persian. */
const Machine = ({ children }: { children: ReactNode }) => (
  <bdi dir="ltr" className="ltr-isolate">
    {children}
  </bdi>
);

/** A bounce the server kept because it matched none of our sent mail, with why, in the manager's words. */
export const UnmatchedBounceCard = ({ bounce, client }: UnmatchedBounceCardProps) => {
  const { t } = useTranslation('email');
  const format = useFormat();
  const none = (
    <Text component="span" size="sm" c={labelColor} fs="italic">
      {t('bounces.none')}
    </Text>
  );
  return (
    <Paper component="li" withBorder radius="md" p="md" data-testid="unmatched-bounce" data-reason={bounce.reason}>
      <Group justify="space-between" align="flex-start" gap="xs" mb="xs">
        <Group gap="xs">
          <Text component="time" dateTime={bounce.createdAt} size="sm" fw={600} data-testid="bounce-arrived">
            {format.dateTime(bounce.createdAt)}
          </Text>
          {client && <ClientBadge client={client} />}
        </Group>
        {/* red.9 text on the light badge is above 5:1; the default light text colour is below AA. */}
        <Badge color="red" c="red.9" variant="light" style={{ textTransform: 'none' }} data-testid="bounce-reason">
          {t(`bounces.reason.${bounce.reason}`)}
        </Badge>
      </Group>
      <Text size="sm" mb="sm" data-testid="bounce-reason-detail">
        <Text component="span" size="sm" fw={600}>
          {t('bounces.why')}:{' '}
        </Text>
        {t(`bounces.reasonDetail.${bounce.reason}`)}
      </Text>
      <SimpleGrid component="dl" cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" verticalSpacing="xs" m={0}>
        <Fact label={t('bounces.inbox')} testId="bounce-inbox">
          {bounce.inboxName}
          {bounce.inboxAddress && (
            <>
              {' · '}
              <Machine>{bounce.inboxAddress}</Machine>
            </>
          )}
        </Fact>
        <Fact label={t('bounces.recipient')} testId="bounce-recipient">
          {bounce.recipients.length > 0 ? <Machine>{bounce.recipients.join(', ')}</Machine> : none}
        </Fact>
        <Fact label={t('bounces.messageId')} testId="bounce-message-id">
          {bounce.originalMessageId ? <Machine>{bounce.originalMessageId}</Machine> : none}
        </Fact>
        <Fact label={t('bounces.status')} testId="bounce-status">
          {bounce.status || bounce.diagnostic ? (
            <Machine>{[bounce.status, bounce.diagnostic].filter(Boolean).join(' — ')}</Machine>
          ) : (
            none
          )}
        </Fact>
        <Fact label={t('bounces.sender')} testId="bounce-sender">
          <Machine>{bounce.from}</Machine>
          {bounce.subject && (
            <>
              {' · '}
              <bdi dir="auto" className="user-text">
                {bounce.subject}
              </bdi>
            </>
          )}
        </Fact>
      </SimpleGrid>
    </Paper>
  );
};
