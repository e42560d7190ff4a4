import { Group, Select, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../auth/me-query';
import { useClients } from '../desk/use-clients';
import { KbEditor } from './kb-editor';

/** The client user's own knowledge base, in the portal. */
export const PortalKbPage = () => {
  const me = useMe();
  if (me.kind !== 'client') return null;
  return <KbEditor clientId={me.client.id} />;
};

/** Agency staff edit the knowledge base of a client they serve. */
export const AgencyKbPage = () => {
  const { t } = useTranslation();
  const clients = useClients();
  const [clientId, setClientId] = useState<string | null>(null);
  const chosen = clientId ?? clients.data?.[0]?.id ?? null;
  return (
    <>
      <Group px="md" pt="md" gap="md">
        <Title order={3}>{t('kb.title')}</Title>
        <Select
          aria-label={t('kb.client')}
          data={(clients.data ?? []).map((client) => ({ value: client.id, label: client.name }))}
          value={chosen}
          onChange={setClientId}
          allowDeselect={false}
          data-testid="kb-client"
        />
      </Group>
      {chosen && <KbEditor key={chosen} clientId={chosen} />}
    </>
  );
};
