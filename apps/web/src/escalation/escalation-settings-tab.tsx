import { Button, Group, Paper, Stack, Switch, Text, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../ui/error-alert';
import { notifyError, notifySuccess } from '../ui/notify-error';
import { PageLoader } from '../ui/page-loader';
import { escalationKeys, getEscalationSettings, updateEscalationSettings } from './escalation-api';

/** Admin, per client: relay answers automatically or not, and the customer notice in English and Persian. */
export const EscalationSettingsTab = ({ clientId }: { clientId: string }) => {
  const { t } = useTranslation('escalation');
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: escalationKeys.settings(clientId),
    queryFn: ({ signal }) => getEscalationSettings(clientId, signal),
  });
  const [autoRelay, setAutoRelay] = useState(false);
  const [en, setEn] = useState('');
  const [fa, setFa] = useState('');
  useEffect(() => {
    if (!query.data) return;
    setAutoRelay(query.data.autoRelay);
    setEn(query.data.noticeTemplates.en);
    setFa(query.data.noticeTemplates.fa);
  }, [query.data]);
  const save = useMutation({
    mutationFn: () => updateEscalationSettings(clientId, { autoRelay, noticeTemplates: { en, fa } }),
    onSuccess: (settings) => {
      queryClient.setQueryData(escalationKeys.settings(clientId), settings);
      notifySuccess(t('settings.saved'));
    },
    onError: notifyError,
  });

  if (query.isPending) return <PageLoader />;
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <Paper withBorder p="md" radius="md" maw={760}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="md">
          <Switch
            label={t('settings.autoRelay')}
            description={t('settings.autoRelayHint')}
            checked={autoRelay}
            onChange={(event) => setAutoRelay(event.currentTarget.checked)}
            data-testid="escalation-auto-relay"
          />
          <Text size="sm" fw={600}>
            {t('settings.notice')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('settings.placeholders')}
          </Text>
          <Textarea
            label={t('language.en')}
            autosize
            minRows={3}
            value={en}
            onChange={(event) => setEn(event.currentTarget.value)}
            dir="ltr"
            data-testid="escalation-template-en"
          />
          <Textarea
            label={t('language.fa')}
            autosize
            minRows={3}
            value={fa}
            onChange={(event) => setFa(event.currentTarget.value)}
            dir="rtl"
            lang="fa"
            data-testid="escalation-template-fa"
          />
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending} data-testid="escalation-settings-save">
              {t('settings.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
};
