import { Badge, Text, Tooltip } from '@mantine/core';
import { type Message, MessageDeliveryState } from '@switchboard/contracts';
import { useTranslation } from 'react-i18next';
import { isolate } from './isolate';

/** The delivery job writes its state onto the outgoing message; nothing there yet means it is still queued. */
export const deliveryOf = (message: Pick<Message, 'activity'>): MessageDeliveryState | null =>
  MessageDeliveryState.safeParse(message.activity?.delivery).data ?? null;

const colors: Record<string, string> = { sent: 'green', sending: 'blue', retrying: 'orange', failed: 'red' };

const reasonOf = (delivery: MessageDeliveryState) => {
  const reason = delivery.error ?? delivery.diagnostic ?? delivery.code;
  return reason ? isolate(reason) : undefined;
};

/** "Sent", "Retrying", "Not delivered": how an agent's e-mail reply fared, with the reason on hover. */
export const DeliveryBadge = ({ delivery }: { delivery: MessageDeliveryState | null }) => {
  const { t } = useTranslation('email');
  const status = delivery?.status ?? 'queued';
  const reason = delivery ? reasonOf(delivery) : undefined;
  const detail = !delivery
    ? t('delivery.queuedDetail')
    : status === 'sent'
      ? delivery.caught
        ? t('delivery.sentToCatcher')
        : t('delivery.sentDetail', { count: delivery.attempts ?? 1 })
      : status === 'retrying'
        ? t('delivery.retryingDetail', { count: delivery.attempts ?? 1, error: reason ?? t('delivery.noReason') })
        : status === 'failed'
          ? t('delivery.failedDetail', { error: reason ?? t('delivery.noReason') })
          : status;
  return (
    <Tooltip label={detail} multiline maw={360}>
      <Badge
        size="xs"
        variant={status === 'failed' ? 'filled' : 'light'}
        color={colors[status] ?? 'gray'}
        data-testid="delivery-badge"
        data-status={status}
      >
        {t(`delivery.${status}`, { defaultValue: status })}
      </Badge>
    </Tooltip>
  );
};

/** A failed delivery is said in words under the message, not only in a tooltip. */
export const DeliveryFailure = ({ delivery }: { delivery: MessageDeliveryState | null }) => {
  const { t } = useTranslation('email');
  if (delivery?.status !== 'failed') return null;
  return (
    <Text size="xs" c="red.8" mt={6} data-testid="delivery-failure">
      {t('delivery.failedDetail', { error: reasonOf(delivery) ?? t('delivery.noReason') })}
    </Text>
  );
};
