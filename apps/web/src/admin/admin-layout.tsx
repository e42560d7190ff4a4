import { Container, Tabs } from '@mantine/core';
import { Outlet, useLocation, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { IconBuilding, IconUsers } from '../ui/icons';

export const AdminLayout = () => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const section = pathname.startsWith('/admin/users') ? 'users' : 'clients';
  return (
    <Container size="xl" py="md">
      <Tabs
        value={section}
        onChange={(value) => void navigate({ to: value === 'users' ? '/admin/users' : '/admin/clients' })}
        mb="md"
      >
        <Tabs.List>
          <Tabs.Tab value="clients" leftSection={<IconBuilding size={16} />}>
            {t('admin.clients')}
          </Tabs.Tab>
          <Tabs.Tab value="users" leftSection={<IconUsers size={16} />} data-testid="admin-tab-users">
            {t('admin.agencyUsers')}
          </Tabs.Tab>
        </Tabs.List>
      </Tabs>
      <Outlet />
    </Container>
  );
};
