import { Badge } from '@mantine/core';
import type { EscalationState } from '@switchboard/contracts';
import { useTranslation } from 'react-i18next';

const colors: Record<EscalationState, string> = {
  open: 'blue',
  overdue: 'red',
  answered: 'teal',
  relayed: 'gray',
  cancelled: 'gray',
};

export const EscalationStateBadge = ({ state }: { state: EscalationState }) => {
  const { t } = useTranslation('escalation');
  return (
    <Badge
      color={colors[state]}
      variant={state === 'overdue' ? 'filled' : 'light'}
      size="sm"
      data-testid="escalation-state"
    >
      {t(`state.${state}`)}
    </Badge>
  );
};
