import { Avatar, Badge, Button, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { Link, useMatchRoute } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { canAdminister, useMe } from '../auth/me-query';
import { useChangeLocale } from '../auth/use-change-locale';
import { useSignOut } from '../auth/use-sign-out';
import { NotificationsBell } from '../automation/notifications-bell';
import { currentLocale } from '../i18n/i18n';
import { PresenceSwitch } from '../routing/presence-switch';
import { IconChevronDown, IconHeadset, IconLogout } from '../ui/icons';
import { LanguageSwitch } from './language-switch';

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase())
    .join('');

type NavTarget =
  | '/desk'
  | '/kb'
  | '/calls'
  | '/callbacks'
  | '/queue'
  | '/admin'
  | '/portal'
  | '/portal/escalations'
  | '/portal/calls'
  | '/portal/kb';

/** The header's links in order: where each goes, its label (`namespace:key`), and who sees it. */
const navItems: { to: NavTarget; label: string; testId: string; for: (me: ReturnType<typeof useMe>) => boolean }[] = [
  { to: '/desk', label: 'nav.desk', testId: 'nav-desk', for: (me) => me.kind === 'agency' },
  { to: '/kb', label: 'nav.kb', testId: 'nav-kb', for: (me) => me.kind === 'agency' },
  { to: '/calls', label: 'phone:nav', testId: 'nav-calls', for: (me) => me.kind === 'agency' },
  { to: '/callbacks', label: 'phone:callbacks.nav', testId: 'nav-callbacks', for: (me) => me.kind === 'agency' },
  { to: '/queue', label: 'routing:nav.queue', testId: 'nav-queue', for: canAdminister },
  { to: '/admin', label: 'nav.admin', testId: 'nav-admin', for: canAdminister },
  { to: '/portal', label: 'nav.portal', testId: 'nav-portal', for: (me) => me.kind === 'client' },
  { to: '/portal/escalations', label: 'escalation:nav', testId: 'nav-escalations', for: (me) => me.kind === 'client' },
  { to: '/portal/calls', label: 'phone:nav', testId: 'nav-calls', for: (me) => me.kind === 'client' },
  { to: '/portal/kb', label: 'nav.kb', testId: 'nav-kb', for: (me) => me.kind === 'client' },
];

export const AppHeader = () => {
  const { t } = useTranslation();
  const me = useMe();
  const signOut = useSignOut();
  const changeLocale = useChangeLocale();
  const matchRoute = useMatchRoute();
  const items = navItems.filter((item) => item.for(me));
  // The most specific link that matches: /portal/calls, not also /portal.
  const active = items
    .map((item) => item.to)
    .filter((to) => matchRoute({ to, fuzzy: true }))
    .sort((a, b) => b.length - a.length)[0];

  return (
    <Group h="100%" px="md" justify="space-between" wrap="nowrap">
      <Group gap="lg" wrap="nowrap">
        <Group gap={6} wrap="nowrap">
          <IconHeadset size={22} color="var(--mantine-color-indigo-6)" aria-hidden />
          <Text fw={700} size="lg">
            Switchboard
          </Text>
        </Group>
        <Group gap={4} component="nav" aria-label={t('header.navigation')} wrap="nowrap">
          {items.map((item) => (
            <Button
              key={item.to}
              component={Link}
              to={item.to}
              variant={item.to === active ? 'light' : 'subtle'}
              // The router marks a link active (aria-current) on any page below it; only the most specific may be.
              activeOptions={{ exact: item.to !== active }}
              size="compact-sm"
              data-testid={item.testId}
            >
              {t(item.label)}
            </Button>
          ))}
        </Group>
        {me.kind === 'client' && (
          <Badge variant="light" size="lg" data-testid="portal-client-name" style={{ textTransform: 'none' }}>
            {me.client.name}
          </Badge>
        )}
      </Group>
      <Group gap="md" wrap="nowrap">
        {me.kind === 'agency' && <PresenceSwitch />}
        {me.kind === 'agency' && <NotificationsBell />}
        <LanguageSwitch
          value={currentLocale()}
          onChange={(locale) => changeLocale.mutate(locale)}
          disabled={changeLocale.isPending}
        />
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <UnstyledButton aria-label={t('header.account')}>
              <Group gap={8} wrap="nowrap">
                <Avatar size={28} color="indigo" radius="xl">
                  {initials(me.name)}
                </Avatar>
                <Text size="sm" fw={500} visibleFrom="sm" data-testid="current-user-name">
                  {me.name}
                </Text>
                <IconChevronDown size={14} />
              </Group>
            </UnstyledButton>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Label>{me.email}</Menu.Label>
            {me.kind === 'agency' && <Menu.Label>{t(`roles.${me.role}`)}</Menu.Label>}
            <Menu.Divider />
            <Menu.Item leftSection={<IconLogout size={16} />} onClick={() => void signOut()}>
              {t('header.signOut')}
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      </Group>
    </Group>
  );
};
