import { Button, Group, Popover, SegmentedControl, Stack, TextInput } from '@mantine/core';
import type { Call } from '@switchboard/contracts';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError } from '../ui/notify-error';
import { transferCall } from './phone-api';

/** Blind or warm transfer to a number; agent and queue targets go through the same API. */
export const TransferMenu = ({ call }: { call: Call }) => {
  const { t } = useTranslation('phone');
  const [mode, setMode] = useState<'blind' | 'warm'>('blind');
  const [number, setNumber] = useState('');
  const transfer = useMutation({
    mutationFn: () => transferCall(call.id, { mode, target: { kind: 'number', number } }),
    onError: notifyError,
  });
  return (
    <Popover withinPortal zIndex={400} position="top">
      <Popover.Target>
        <Button variant="light">{t('transfer')}</Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          <SegmentedControl
            value={mode}
            onChange={(value) => setMode(value === 'warm' ? 'warm' : 'blind')}
            data={[
              { value: 'blind', label: t('blind') },
              { value: 'warm', label: t('warm') },
            ]}
          />
          <Group gap="xs">
            <TextInput
              dir="ltr"
              placeholder="+15551234567"
              value={number}
              onChange={(event) => setNumber(event.currentTarget.value)}
            />
            <Button
              onClick={() => transfer.mutate()}
              disabled={!/^\+[1-9][0-9]{6,14}$/.test(number)}
              loading={transfer.isPending}
            >
              {t('transfer')}
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
};
