import { Tooltip } from '@mantine/core';
import type { Channel } from '@switchboard/contracts';
import { useTranslation } from 'react-i18next';
import { IconApi, IconMail, IconMessageCircle, IconPhone } from './icons';

const icons = { email: IconMail, chat: IconMessageCircle, phone: IconPhone, api: IconApi } as const;
const colors = { email: 'blue', chat: 'teal', phone: 'grape', api: 'gray' } as const;

export const ChannelIcon = ({ channel, size = 18 }: { channel: Channel; size?: number }) => {
  const { t } = useTranslation();
  const Icon = icons[channel];
  return (
    <Tooltip label={t(`channel.${channel}`)} withinPortal>
      <Icon
        size={size}
        stroke={1.7}
        color={`var(--mantine-color-${colors[channel]}-7)`}
        aria-label={t(`channel.${channel}`)}
        role="img"
        style={{ flexShrink: 0 }}
      />
    </Tooltip>
  );
};
