import { AppShell } from '@mantine/core';
import { Outlet } from '@tanstack/react-router';
import { useEffect } from 'react';
import { useMe } from '../auth/me-query';
import { setLocale } from '../i18n/i18n';
import { useDeskSocket } from '../live/use-desk-socket';
import { CallPopup } from '../phone/call-popup';
import { SoftphoneHost } from '../phone/softphone/softphone-host';
import { useSlaAlerts } from '../sla/use-sla-alerts';
import { AppHeader } from './app-header';

export const AppLayout = () => {
  const me = useMe();
  // Once signed in, the account's language wins over this browser's last choice.
  useEffect(() => {
    void setLocale(me.locale);
  }, [me.locale]);
  useDeskSocket(me.id);
  useSlaAlerts(me);

  return (
    <AppShell header={{ height: 52 }} padding={0}>
      <AppShell.Header>
        <AppHeader />
      </AppShell.Header>
      <AppShell.Main>
        <Outlet />
        {me.kind === 'agency' && <CallPopup />}
        {me.kind === 'agency' && <SoftphoneHost />}
      </AppShell.Main>
    </AppShell>
  );
};
