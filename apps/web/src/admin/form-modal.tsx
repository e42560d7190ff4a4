import { Button, Group, Modal, Stack } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../ui/error-alert';

type FormModalProps = {
  opened: boolean;
  title: string;
  onClose: () => void;
  onSubmit: () => void;
  saving: boolean;
  error: unknown;
  children: ReactNode;
  submitLabel?: string;
  size?: string;
  testId?: string;
};

/** One shape for every admin form: fields, the server's objection if any, then Cancel / Save. */
export const FormModal = ({
  opened,
  title,
  onClose,
  onSubmit,
  saving,
  error,
  children,
  submitLabel,
  size,
  testId,
}: FormModalProps) => {
  const { t } = useTranslation();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <Modal opened={opened} onClose={onClose} title={title} size={size ?? 'md'} centered>
      <form onSubmit={submit} noValidate data-testid={testId}>
        <Stack gap="sm">
          {error ? <ErrorAlert error={error} /> : null}
          {children}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={saving} data-testid="form-submit">
              {submitLabel ?? t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
};
