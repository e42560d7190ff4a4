import { SegmentedControl, Tooltip } from '@mantine/core';
import { type Presence, Presence as PresenceValues } from '@switchboard/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../api/query-keys';
import { notifyError } from '../ui/notify-error';
import { getPresence, setPresence } from './routing-api';

export const presenceColor: Record<Presence, string> = { online: 'teal', away: 'yellow', offline: 'gray' };

/** The agent's own availability, in the header: radio buttons, so arrow keys and Tab reach it. */
export const PresenceSwitch = () => {
  const { t } = useTranslation('routing');
  const queryClient = useQueryClient();
  const presence = useQuery({ queryKey: queryKeys.presence, queryFn: getPresence });
  const change = useMutation({
    mutationFn: setPresence,
    onSuccess: (state) => {
      queryClient.setQueryData(queryKeys.presence, state);
      void queryClient.invalidateQueries({ queryKey: queryKeys.queueBoard });
      void queryClient.invalidateQueries({ queryKey: queryKeys.conversationLists });
    },
    onError: notifyError,
  });
  const value = change.isPending ? change.variables : presence.data?.presence;
  return (
    <Tooltip label={t('presence.hint')} openDelay={500}>
      <SegmentedControl
        size="xs"
        radius="xl"
        aria-label={t('presence.label')}
        data-testid="presence-switch"
        data-presence={value ?? ''}
        value={value ?? ''}
        color={value ? presenceColor[value] : 'gray'}
        disabled={presence.isPending}
        onChange={(next) => change.mutate(next as Presence)}
        data={PresenceValues.options.map((option) => ({ value: option, label: t(`presence.${option}`) }))}
      />
    </Tooltip>
  );
};
