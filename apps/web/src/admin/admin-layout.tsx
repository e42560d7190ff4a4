import { Container, Tabs } from '@mantine/core';
import { Outlet, useLocation, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { IconBolt } from '../automation/automation-icons';
import { IconBuilding, IconMailbox, IconMailExclamation, IconUsers } from '../ui/icons';

const sections = {
  clients: '/admin/clients',
  users: '/admin/users',
  automation: '/admin/automation',
  mail: '/admin/mail-catcher',
  bounces: '/admin/email-bounces',
} as const;

type Section = keyof typeof sections;
const isSection = (value: string | null): value is Section => value !== null && value in sections;

export const AdminLayout = () => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const section: Section =
    (Object.keys(sections) as Section[]).find((key) => pathname.startsWith(sections[key])) ?? 'clients';
  return (
    <Container size="xl" py="md">
      <Tabs
        value={section}
        onChange={(value) => void navigate({ to: isSection(value) ? sections[value] : sections.clients })}
        mb="md"
      >
        <Tabs.List>
          <Tabs.Tab value="clients" leftSection={<IconBuilding size={16} />}>
            {t('admin.clients')}
          </Tabs.Tab>
          <Tabs.Tab value="users" leftSection={<IconUsers size={16} />} data-testid="admin-tab-users">
            {t('admin.agencyUsers')}
          </Tabs.Tab>
          <Tabs.Tab value="automation" leftSection={<IconBolt size={16} />} data-testid="admin-tab-automation">
            {t('automation:tab')}
          </Tabs.Tab>
          <Tabs.Tab value="mail" leftSection={<IconMailbox size={16} />} data-testid="admin-tab-mail-catcher">
            {t('email:catcher.tab')}
          </Tabs.Tab>
          <Tabs.Tab value="bounces" leftSection={<IconMailExclamation size={16} />} data-testid="admin-tab-bounces">
            {t('email:bounces.tab')}
          </Tabs.Tab>
        </Tabs.List>
      </Tabs>
      <Outlet />
    </Container>
  );
};
