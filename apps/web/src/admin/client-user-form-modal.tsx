import { PasswordInput, Select, Switch, TextInput } from '@mantine/core';
import type { ClientUser } from '@switchboard/contracts';
import { CreateClientUserRequest, UpdateClientUserRequest } from '@switchboard/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createClientUser, updateClientUser } from '../api/admin-api';
import { queryKeys } from '../api/query-keys';
import { notifySuccess } from '../ui/notify-error';
import { FormModal } from './form-modal';
import { useFormSave } from './use-form-save';

type ClientUserFormModalProps = { clientId: string; user?: ClientUser; onClose: () => void };

export const ClientUserFormModal = ({ clientId, user, onClose }: ClientUserFormModalProps) => {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState(user?.name ?? '');
  const [email, setEmail] = useState(user?.email ?? '');
  const [password, setPassword] = useState('');
  const [locale, setLocale] = useState(user?.locale ?? 'en');
  const [active, setActive] = useState(user?.active ?? true);

  const saved = () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.clientUsers(clientId) });
    notifySuccess(user ? t('admin.saved') : t('admin.created'));
    onClose();
  };
  const create = useFormSave(CreateClientUserRequest, (body) => createClientUser(clientId, body), saved);
  const edit = useFormSave(UpdateClientUserRequest, (body) => updateClientUser(clientId, user?.id ?? '', body), saved);
  const form = user ? edit : create;

  return (
    <FormModal
      opened
      onClose={onClose}
      title={user ? t('admin.editClientUser') : t('admin.newClientUser')}
      saving={form.saving}
      error={form.error}
      testId="client-user-form"
      onSubmit={() =>
        user
          ? // An empty password field on edit means "keep the current one".
            edit.submit({ name, locale, active, ...(password ? { password } : {}) })
          : create.submit({ name, email, password, locale })
      }
    >
      <TextInput
        label={t('admin.fields.name')}
        required
        value={name}
        onChange={(event) => setName(event.currentTarget.value)}
        error={form.fieldErrors.name}
      />
      <TextInput
        label={t('admin.fields.email')}
        type="email"
        required
        dir="ltr"
        disabled={Boolean(user)}
        value={email}
        onChange={(event) => setEmail(event.currentTarget.value)}
        error={form.fieldErrors.email}
      />
      <PasswordInput
        label={user ? t('admin.fields.resetPassword') : t('admin.fields.password')}
        description={user ? t('admin.fields.resetPasswordHint') : t('admin.fields.passwordHint')}
        required={!user}
        dir="ltr"
        autoComplete="new-password"
        value={password}
        onChange={(event) => setPassword(event.currentTarget.value)}
        error={form.fieldErrors.password}
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
      />
      {user && (
        <Switch
          label={t('admin.fields.active')}
          checked={active}
          onChange={(event) => setActive(event.currentTarget.checked)}
        />
      )}
    </FormModal>
  );
};
