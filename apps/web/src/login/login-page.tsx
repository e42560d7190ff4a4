import { Alert, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { signIn } from '../api/auth-api';
import { isProblem } from '../api/problem-error';
import { queryKeys } from '../api/query-keys';
import { homePath } from '../auth/me-query';
import { currentLocale, setLocale } from '../i18n/i18n';
import { LanguageSwitch } from '../layout/language-switch';
import { IconAlertTriangle, IconHeadset } from '../ui/icons';
import { problemText } from '../ui/problem-text';

const loginRoute = getRouteApi('/login');

/** Only same-site paths: a crafted ?redirect= must not send someone to another origin. */
const safeRedirect = (target: string | undefined) =>
  target?.startsWith('/') && !target.startsWith('//') && !target.startsWith('/login') ? target : undefined;

export const LoginPage = () => {
  const { t } = useTranslation();
  const { redirect } = loginRoute.useSearch();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const login = useMutation({
    mutationFn: () => signIn(email.trim(), password),
    onSuccess: async (me) => {
      queryClient.setQueryData(queryKeys.me, me);
      await setLocale(me.locale);
      const target = safeRedirect(redirect);
      if (target) await navigate({ href: target });
      else await navigate({ to: homePath(me) });
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate();
  };

  const errorMessage = (() => {
    if (!login.error) return null;
    if (isProblem(login.error, 401)) return t('login.wrongCredentials');
    if (isProblem(login.error, 429)) return t('errors.tooManyAttempts');
    return problemText(login.error, t).title;
  })();

  return (
    <Center mih="100vh" p="md" bg="gray.0">
      <Stack w={380} maw="100%" gap="lg">
        <Group justify="space-between">
          <Group gap={8}>
            <IconHeadset size={28} color="var(--mantine-color-indigo-6)" aria-hidden />
            <Text fw={700} size="xl">
              Switchboard
            </Text>
          </Group>
          <LanguageSwitch value={currentLocale()} onChange={(locale) => void setLocale(locale)} />
        </Group>
        <Paper withBorder shadow="sm" p="xl" radius="md" component="form" onSubmit={submit} noValidate>
          <Stack gap="md">
            <div>
              <Title order={2} size="h3">
                {t('login.title')}
              </Title>
              <Text c="dimmed" size="sm">
                {t('login.subtitle')}
              </Text>
            </div>
            {errorMessage && (
              <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert">
                {errorMessage}
              </Alert>
            )}
            <TextInput
              label={t('login.email')}
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(event) => setEmail(event.currentTarget.value)}
              autoFocus
              dir="ltr"
              data-testid="login-email"
            />
            <PasswordInput
              label={t('login.password')}
              autoComplete="current-password"
              data-testid="login-password"
              required
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
              dir="ltr"
            />
            <Button
              type="submit"
              loading={login.isPending}
              disabled={!email || !password}
              fullWidth
              data-testid="login-submit"
            >
              {t('login.submit')}
            </Button>
          </Stack>
        </Paper>
      </Stack>
    </Center>
  );
};
