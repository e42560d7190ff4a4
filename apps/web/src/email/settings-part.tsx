import { Stack, Switch } from '@mantine/core';
import type { ReactNode } from 'react';

type SettingsPartProps = {
  label: string;
  on: boolean;
  onChange: (on: boolean) => void;
  testId: string;
  children: ReactNode;
};

/**
 * A part of an inbox's e-mail settings the manager chose to change. The server never hands stored secrets
 * (or the other settings) back, so a part left off is left out of the request and stays exactly as it is.
 */
export const SettingsPart = ({ label, on, onChange, testId, children }: SettingsPartProps) => (
  <Stack gap="xs">
    <Switch
      label={label}
      checked={on}
      onChange={(event) => onChange(event.currentTarget.checked)}
      data-testid={testId}
    />
    {on && (
      <Stack gap="xs" ps="md" style={{ borderInlineStart: '2px solid var(--mantine-color-gray-3)' }}>
        {children}
      </Stack>
    )}
  </Stack>
);
