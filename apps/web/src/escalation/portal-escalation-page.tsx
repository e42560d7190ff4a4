import { Anchor, Button, Container, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../format/use-format';
import { ErrorAlert } from '../ui/error-alert';
import { notifyError, notifySuccess } from '../ui/notify-error';
import { PageLoader } from '../ui/page-loader';
import { DueText } from './due-text';
import { answerEscalation, escalationKeys, getPortalEscalation } from './escalation-api';
import { EscalationStateBadge } from './escalation-state-badge';

const route = getRouteApi('/app/portal/escalations/$escalationId');

/** One question of the agency, and the place to answer it (the e-mail's link lands here). */
export const PortalEscalationPage = () => {
  const { t } = useTranslation('escalation');
  const format = useFormat();
  const { escalationId } = route.useParams();
  const queryClient = useQueryClient();
  const [answer, setAnswer] = useState('');
  const query = useQuery({
    queryKey: escalationKeys.portalOne(escalationId),
    queryFn: ({ signal }) => getPortalEscalation(escalationId, signal),
  });
  const send = useMutation({
    mutationFn: () => answerEscalation(escalationId, answer.trim()),
    onSuccess: (escalation) => {
      queryClient.setQueryData(escalationKeys.portalOne(escalationId), escalation);
      void queryClient.invalidateQueries({ queryKey: escalationKeys.all });
      notifySuccess(t('answer.sent'));
    },
    onError: notifyError,
  });

  if (query.isPending) return <PageLoader />;
  if (query.isError)
    return (
      <Container size="md" py="lg">
        <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />
      </Container>
    );
  const escalation = query.data;
  const waiting = escalation.state === 'open' || escalation.state === 'overdue';

  return (
    <Container size="md" py="lg">
      <Stack gap="md">
        <Anchor component={Link} to="/portal/escalations" size="sm">
          {t('answer.back')}
        </Anchor>
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={2}>{t('answer.title')}</Title>
            <Text size="sm" c="dimmed">
              {t('answer.about', {
                number: format.number(escalation.conversationNumber),
                customer: escalation.customerName,
              })}
              {' · '}
              <Link
                to="/portal/$number"
                params={{ number: escalation.conversationNumber }}
                style={{ color: 'var(--mantine-color-anchor)' }}
              >
                {t('answer.openConversation')}
              </Link>
            </Text>
          </div>
          <Stack gap={4} align="flex-end">
            <EscalationStateBadge state={escalation.state} />
            {waiting && <DueText dueAt={escalation.dueAt} />}
          </Stack>
        </Group>
        <Paper withBorder p="md" radius="md">
          <Text size="xs" c="dimmed" mb={4}>
            {t('answer.askedBy', { name: escalation.askedBy, time: format.dateTime(escalation.createdAt) })}
          </Text>
          <Text
            dir="auto"
            className="user-text"
            style={{ whiteSpace: 'pre-wrap' }}
            data-testid="portal-escalation-question"
          >
            {escalation.question}
          </Text>
          <Text size="xs" c="dimmed" mt="xs" dir="auto">
            {t('answer.subject', { subject: escalation.conversationSubject })}
          </Text>
        </Paper>
        {waiting ? (
          <Paper withBorder p="md" radius="md">
            <form
              onSubmit={(event) => {
                event.preventDefault();
                if (answer.trim()) send.mutate();
              }}
            >
              <Stack gap="sm">
                <Textarea
                  label={t('answer.label')}
                  description={t('answer.hint')}
                  autosize
                  minRows={4}
                  maxRows={14}
                  value={answer}
                  onChange={(event) => setAnswer(event.currentTarget.value)}
                  data-testid="portal-answer"
                  dir="auto"
                  required
                />
                <Group justify="flex-end">
                  <Button
                    type="submit"
                    loading={send.isPending}
                    disabled={!answer.trim()}
                    data-testid="portal-answer-submit"
                  >
                    {t('answer.submit')}
                  </Button>
                </Group>
              </Stack>
            </form>
          </Paper>
        ) : (
          <Paper withBorder p="md" radius="md" bg="teal.0" data-testid="portal-escalation-answer">
            <Text size="xs" c="dimmed" mb={4}>
              {t('answer.answeredBy', {
                name: escalation.answeredBy ?? '',
                via: t(`via.${escalation.answeredVia ?? 'portal'}`),
                time: escalation.answeredAt ? format.dateTime(escalation.answeredAt) : '',
              })}
            </Text>
            <Text dir="auto" className="user-text" style={{ whiteSpace: 'pre-wrap' }}>
              {escalation.answer}
            </Text>
            <Text size="xs" c="dimmed" mt="xs">
              {escalation.state === 'relayed' ? t('answer.relayed') : t('answer.withAgent')}
            </Text>
          </Paper>
        )}
      </Stack>
    </Container>
  );
};
