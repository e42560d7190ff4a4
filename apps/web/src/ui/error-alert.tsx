import { Alert, Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { IconAlertTriangle } from './icons';
import { problemText } from './problem-text';

type ErrorAlertProps = { error: unknown; onRetry?: () => void };

export const ErrorAlert = ({ error, onRetry }: ErrorAlertProps) => {
  const { t } = useTranslation();
  const { title, detail } = problemText(error, t);
  return (
    <Alert color="red" variant="light" title={title} icon={<IconAlertTriangle size={18} />} role="alert">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <span>{detail}</span>
        {onRetry && (
          <Button size="xs" variant="white" color="red" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )}
      </Group>
    </Alert>
  );
};
