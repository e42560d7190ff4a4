import { ActionIcon, Group, Paper, Stack, Text } from '@mantine/core';
import type { Macro } from '@switchboard/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SectionHeader } from '../admin/section-header';
import { ErrorAlert } from '../ui/error-alert';
import { IconPencil } from '../ui/icons';
import { notifyError, notifySuccess } from '../ui/notify-error';
import { PageLoader } from '../ui/page-loader';
import { automationKeys, deleteMacro, listMacros } from './automation-api';
import { IconTrash } from './automation-icons';
import { MacroFormModal } from './macro-form-modal';
import { actionText } from './rule-summary';
import { usePeople } from './use-people';

export const MacrosTab = ({ clientId }: { clientId: string | null }) => {
  const { t } = useTranslation('automation');
  const { t: tCommon } = useTranslation();
  const queryClient = useQueryClient();
  const people = usePeople(clientId);
  const nameOf = (id: string) => people.find((person) => person.value === id)?.label ?? '…';
  const [editing, setEditing] = useState<Macro | 'new' | null>(null);
  const macros = useQuery({
    queryKey: automationKeys.macros(clientId),
    queryFn: ({ signal }) => listMacros(clientId, signal),
  });
  const remove = useMutation({
    mutationFn: (macro: Macro) => deleteMacro(macro.id),
    onSuccess: () => {
      notifySuccess(t('macros.deleted'));
      void queryClient.invalidateQueries({ queryKey: automationKeys.macros(clientId) });
    },
    onError: notifyError,
  });
  return (
    <>
      <SectionHeader
        title={t('tabs.macros')}
        actionLabel={t('macros.new')}
        onAction={() => setEditing('new')}
        actionTestId="new-macro"
      />
      {macros.isPending ? (
        <PageLoader />
      ) : macros.isError ? (
        <ErrorAlert error={macros.error} onRetry={() => void macros.refetch()} />
      ) : macros.data.length === 0 ? (
        <Paper withBorder p="lg" radius="md">
          <Text c="dimmed" size="sm">
            {t('macros.empty')}
          </Text>
        </Paper>
      ) : (
        <Stack gap="xs" data-testid="macros-list">
          {macros.data.map((macro) => (
            <Paper key={macro.id} withBorder radius="md" p="sm" data-testid="macro-card">
              <Group justify="space-between" align="flex-start" wrap="nowrap">
                <Stack gap={4} miw={0}>
                  <Text fw={600} dir="auto">
                    {macro.name}
                  </Text>
                  <Text size="xs">
                    {macro.actions.length === 0
                      ? t('macros.noActions')
                      : macro.actions.map((action) => actionText(action, t, tCommon, nameOf)).join(' · ')}
                  </Text>
                  {macro.replyTemplate && (
                    <Text size="xs" c="dimmed" lineClamp={2} dir="auto" style={{ whiteSpace: 'pre-line' }}>
                      {macro.replyTemplate}
                    </Text>
                  )}
                </Stack>
                <Group gap={4} wrap="nowrap">
                  <ActionIcon variant="subtle" aria-label={t('macros.edit')} onClick={() => setEditing(macro)}>
                    <IconPencil size={16} />
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t('rules.delete')}
                    onClick={() => {
                      if (window.confirm(t('macros.confirmDelete', { name: macro.name }))) remove.mutate(macro);
                    }}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Group>
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
      {editing && (
        <MacroFormModal
          key={editing === 'new' ? 'new' : editing.id}
          clientId={clientId}
          macro={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
};
