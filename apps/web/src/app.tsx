import { DirectionProvider, MantineProvider, useDirection } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { queryClient } from './api/query-client';
import { directionOf } from './i18n/i18n';
import { router } from './router';
import { themeFor } from './theme';
import { ToastStack } from './ui/toasts';

/** Keeps Mantine's direction (used by menus, drawers and inputs) in step with the language. */
const ThemedApp = () => {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'fa' ? 'fa' : 'en';
  const { setDirection } = useDirection();
  useEffect(() => setDirection(directionOf(locale)), [locale, setDirection]);
  return (
    <MantineProvider theme={themeFor(locale)} defaultColorScheme="light">
      <RouterProvider router={router} />
      <ToastStack />
    </MantineProvider>
  );
};

export const App = ({ initialDirection }: { initialDirection: 'ltr' | 'rtl' }) => (
  <QueryClientProvider client={queryClient}>
    <DirectionProvider initialDirection={initialDirection} detectDirection={false}>
      <ThemedApp />
    </DirectionProvider>
  </QueryClientProvider>
);
