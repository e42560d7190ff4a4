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

export const AppHeader = () => {
  const { t } = useTranslation();
  const { t: tr } = useTranslation('routing');
  const me = useMe();
  const signOut = useSignOut();
  const changeLocale = useChangeLocale();
  const matchRoute = useMatchRoute();
  const variantFor = (
    to:
      | '/desk'
      | '/admin'
      | '/portal'
      | '/kb'
      | '/portal/kb'
      | '/queue'
      | '/portal/escalations'
      | '/calls'
      | '/callbacks'
      | '/portal/calls',
  ) => (matchRoute({ to, fuzzy: true }) ? 'light' : 'subtle');

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
          {me.kind === 'agency' && (
            <Button component={Link} to="/desk" variant={variantFor('/desk')} size="compact-sm">
              {t('nav.desk')}
            </Button>
          )}
          {me.kind === 'agency' && (
            <Button component={Link} to="/kb" variant={variantFor('/kb')} size="compact-sm" data-testid="nav-kb">
              {t('nav.kb')}
            </Button>
          )}
          {me.kind === 'agency' && (
            <Button
              component={Link}
              to="/calls"
              variant={variantFor('/calls')}
              size="compact-sm"
              data-testid="nav-calls"
            >
              {t('nav', { ns: 'phone' })}
            </Button>
          )}
          {me.kind === 'agency' && (
            <Button
              component={Link}
              to="/callbacks"
              variant={variantFor('/callbacks')}
              size="compact-sm"
              data-testid="nav-callbacks"
            >
              {t('callbacks.nav', { ns: 'phone' })}
            </Button>
          )}
          {canAdminister(me) && (
            <Button
              component={Link}
              to="/queue"
              variant={variantFor('/queue')}
              size="compact-sm"
              data-testid="nav-queue"
            >
              {tr('nav.queue')}
            </Button>
          )}
          {canAdminister(me) && (
            <Button component={Link} to="/admin" variant={variantFor('/admin')} size="compact-sm">
              {t('nav.admin')}
            </Button>
          )}
          {me.kind === 'client' && (
            <Button component={Link} to="/portal" variant={variantFor('/portal')} size="compact-sm">
              {t('nav.portal')}
            </Button>
          )}
          {me.kind === 'client' && (
            <Button
              component={Link}
              to="/portal/escalations"
              variant={variantFor('/portal/escalations')}
              size="compact-sm"
              data-testid="nav-escalations"
            >
              {t('nav', { ns: 'escalation' })}
            </Button>
          )}
          {me.kind === 'client' && (
            <Button
              component={Link}
              to="/portal/calls"
              variant={variantFor('/portal/calls')}
              size="compact-sm"
              data-testid="nav-calls"
            >
              {t('nav', { ns: 'phone' })}
            </Button>
          )}
          {me.kind === 'client' && (
            <Button
              component={Link}
              to="/portal/kb"
              variant={variantFor('/portal/kb')}
              size="compact-sm"
              data-testid="nav-kb"
            >
              {t('nav.kb')}
            </Button>
          )}
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
