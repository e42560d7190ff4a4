import type { DeskEvent, Me } from '@switchboard/contracts';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { adminRoles } from '../auth/me-query';
import { useFormat } from '../format/use-format';
import { deskEventName } from '../live/use-desk-socket';
import { showToast } from '../ui/toasts';

type SlaEvent = Extract<DeskEvent, { type: 'sla.warning' | 'sla.breach' }>;

/** Warnings and breaches pop up for the conversation's assignee and for supervisors, as they happen. */
export const useSlaAlerts = (me: Me): void => {
  const { t } = useTranslation('sla');
  const format = useFormat();
  useEffect(() => {
    if (me.kind !== 'agency') return;
    const onEvent = (raw: Event) => {
      const event = (raw as CustomEvent<DeskEvent>).detail;
      if (event.type !== 'sla.warning' && event.type !== 'sla.breach') return;
      const sla = event as SlaEvent;
      if (sla.assigneeId !== me.id && !adminRoles.has(me.role)) return;
      const values = { metric: t(`metric.${sla.metric}`), time: format.smart(sla.dueAt) };
      showToast(
        sla.type === 'sla.breach'
          ? { color: 'red', title: t('alert.breach', values) }
          : { color: 'orange', title: t('alert.warning', values) },
        10_000,
      );
    };
    window.addEventListener(deskEventName, onEvent);
    return () => window.removeEventListener(deskEventName, onEvent);
  }, [me, t, format]);
};
