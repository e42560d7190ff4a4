import { ActionIcon, Button, Menu, Tooltip } from '@mantine/core';
import type { PhoneLine } from '@switchboard/contracts';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { IconPhone } from '../ui/icons';
import { listPhoneLines, phoneKeys } from './phone-api';
import { usePlaceCall } from './use-place-call';

type CallButtonProps = {
  clientId: string;
  /** Whom to call: a contact, or a conversation (the call joins it). */
  target: { contactId: string } | { conversationId: string };
  compact?: boolean;
};

/** The lines an agent can dial out from: active lines of the client whose provider takes call control. */
export const useDialLines = (): ((clientId: string) => PhoneLine[]) => {
  const lines = useQuery({
    queryKey: phoneKeys.lines,
    queryFn: ({ signal }) => listPhoneLines(signal),
    staleTime: 5 * 60_000,
  });
  return (clientId) =>
    (lines.data ?? []).filter((line) => line.clientId === clientId && line.active && line.provider === 'twilio');
};

/**
 * Click-to-call with the client's number as caller id. A client with several lines gets a menu of
 * them; one with no line the agency can dial from shows nothing (the PBX's own phone dials).
 */
export const CallButton = ({ clientId, target, compact }: CallButtonProps) => {
  const { t } = useTranslation('phone');
  const lines = useDialLines()(clientId);
  const place = usePlaceCall();
  if (lines.length === 0) return null;
  const call = (line: PhoneLine) => place.mutate({ ...target, lineId: line.id });
  const label = t('callFrom', { number: lines[0]!.number });
  const trigger = compact ? (
    <ActionIcon
      variant="light"
      color="teal"
      aria-label={lines.length === 1 ? label : t('call')}
      loading={place.isPending}
      onClick={lines.length === 1 ? () => call(lines[0]!) : undefined}
      data-testid="call-button"
    >
      <IconPhone size={18} />
    </ActionIcon>
  ) : (
    <Button
      size="compact-xs"
      variant="light"
      color="teal"
      leftSection={<IconPhone size={14} />}
      loading={place.isPending}
      onClick={lines.length === 1 ? () => call(lines[0]!) : undefined}
      data-testid="call-button"
    >
      {t('call')}
    </Button>
  );
  if (lines.length === 1) return <Tooltip label={label}>{trigger}</Tooltip>;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>{trigger}</Menu.Target>
      <Menu.Dropdown data-testid="call-line-menu">
        <Menu.Label>{t('chooseLine')}</Menu.Label>
        {lines.map((line) => (
          <Menu.Item key={line.id} onClick={() => call(line)} data-testid="call-line-option">
            {line.name} · <bdi>{line.number}</bdi>
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
};
