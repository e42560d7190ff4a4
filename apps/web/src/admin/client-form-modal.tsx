import { Select, Switch, TextInput } from '@mantine/core';
import type { Client } from '@switchboard/contracts';
import { CreateClientRequest, UpdateClientRequest } from '@switchboard/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createClient, updateClient } from '../api/admin-api';
import { queryKeys } from '../api/query-keys';
import { notifySuccess } from '../ui/notify-error';
import { FormModal } from './form-modal';
import { useFormSave } from './use-form-save';

const timezones = Intl.supportedValuesOf('timeZone');

type ClientFormModalProps = {
  client?: Client;
  opened: boolean;
  onClose: () => void;
  onSaved?: (client: Client) => void;
};

export const ClientFormModal = ({ client, opened, onClose, onSaved }: ClientFormModalProps) => {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [slug, setSlug] = useState(client?.slug ?? '');
  const [name, setName] = useState(client?.name ?? '');
  const [locale, setLocale] = useState(client?.locale ?? 'en');
  const [timezone, setTimezone] = useState(client?.timezone ?? 'UTC');
  const [ticketPrefix, setTicketPrefix] = useState(client?.ticketPrefix ?? '');
  const [active, setActive] = useState(client?.active ?? true);

  const saved = (result: Client) => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.clients });
    notifySuccess(client ? t('admin.saved') : t('admin.created'));
    onSaved?.(result);
    onClose();
  };
  const create = useFormSave(CreateClientRequest, createClient, saved);
  const edit = useFormSave(UpdateClientRequest, (body) => updateClient(client?.id ?? '', body), saved);
  const form = client ? edit : create;
  const errors = form.fieldErrors;

  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={client ? t('admin.editClient') : t('admin.newClient')}
      saving={form.saving}
      error={form.error}
      testId="client-form"
      onSubmit={() =>
        client
          ? edit.submit({ name, locale, timezone, ticketPrefix, active })
          : create.submit({ slug, name, locale, timezone, ticketPrefix })
      }
    >
      <TextInput
        label={t('admin.fields.name')}
        required
        value={name}
        onChange={(event) => setName(event.currentTarget.value)}
        error={errors.name}
        data-testid="client-name"
      />
      <TextInput
        label={t('admin.fields.slug')}
        description={t('admin.fields.slugHint')}
        required
        disabled={Boolean(client)}
        value={slug}
        onChange={(event) => setSlug(event.currentTarget.value)}
        error={errors.slug}
        dir="ltr"
        data-testid="client-slug"
      />
      <TextInput
        label={t('admin.fields.ticketPrefix')}
        description={t('admin.fields.ticketPrefixHint')}
        required
        value={ticketPrefix}
        onChange={(event) => setTicketPrefix(event.currentTarget.value)}
        error={errors.ticketPrefix}
        data-testid="client-prefix"
      />
      <Select
        label={t('admin.fields.locale')}
        data={[
          { value: 'en', label: 'English' },
          { value: 'fa', label: 'فارسی' },
        ]}
        value={locale}
        onChange={(value) => setLocale(value === 'fa' ? 'fa' : 'en')}
        allowDeselect={false}
        error={errors.locale}
      />
      <Select
        label={t('admin.fields.timezone')}
        data={timezones.includes('UTC') ? timezones : ['UTC', ...timezones]}
        value={timezone}
        onChange={(value) => setTimezone(value ?? 'UTC')}
        searchable
        allowDeselect={false}
        error={errors.timezone}
        limit={50}
      />
      {client && (
        <Switch
          label={t('admin.fields.active')}
          checked={active}
          onChange={(event) => setActive(event.currentTarget.checked)}
        />
      )}
    </FormModal>
  );
};
