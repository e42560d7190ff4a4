import { Container } from '@mantine/core';
import type { ErrorComponentProps } from '@tanstack/react-router';
import { ErrorAlert } from '../ui/error-alert';

/** A failing page shows why and offers a retry instead of leaving a blank screen. */
export const RouteError = ({ error, reset }: ErrorComponentProps) => (
  <Container size="sm" py="xl">
    <ErrorAlert error={error} onRetry={reset} />
  </Container>
);
