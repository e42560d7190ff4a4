import {
  Group,
  MultiSelect,
  NumberInput,
  PasswordInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Switch,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import type { AgencyRole, AgencyUser, Capacity } from '@switchboard/contracts';
import { AgencyRole as AgencyRoles, CreateAgencyUserRequest, UpdateAgencyUserRequest } from '@switchboard/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createAgencyUser, updateAgencyUser } from '../api/admin-api';
import { queryKeys } from '../api/query-keys';
import { useClients } from '../desk/use-clients';
import { notifySuccess } from '../ui/notify-error';
import { FormModal } from './form-modal';
import { useFormSave } from './use-form-save';

type AgencyUserFormModalProps = { user?: AgencyUser; onClose: () => void };

const toCount = (value: string | number) => (typeof value === 'number' ? value : Number.parseInt(value, 10) || 0);

export const AgencyUserFormModal = ({ user, onClose }: AgencyUserFormModalProps) => {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const clients = useClients();
  const [name, setName] = useState(user?.name ?? '');
  const [email, setEmail] = useState(user?.email ?? '');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<AgencyRole>(user?.role ?? 'agent');
  const [tier, setTier] = useState(user?.tier ?? 1);
  const [skills, setSkills] = useState<string[]>(user?.skills ?? []);
  const [languages, setLanguages] = useState<string[]>(user?.languages ?? ['en']);
  const [capacity, setCapacity] = useState<Capacity>(user?.capacity ?? { email: 8, chat: 3, phone: 1 });
  const [clientIds, setClientIds] = useState<string[]>(user?.clientIds ?? []);
  const [locale, setLocale] = useState(user?.locale ?? 'en');
  const [active, setActive] = useState(user?.active ?? true);

  const saved = () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.agencyUsers });
    notifySuccess(user ? t('admin.saved') : t('admin.created'));
    onClose();
  };
  const create = useFormSave(CreateAgencyUserRequest, createAgencyUser, saved);
  const edit = useFormSave(UpdateAgencyUserRequest, (body) => updateAgencyUser(user?.id ?? '', body), saved);
  const form = user ? edit : create;
  const errors = form.fieldErrors;
  const common = { name, role, tier, skills, languages, capacity, clientIds, locale };

  return (
    <FormModal
      opened
      size="lg"
      onClose={onClose}
      title={user ? t('admin.editAgencyUser') : t('admin.newAgencyUser')}
      saving={form.saving}
      error={form.error}
      testId="agency-user-form"
      onSubmit={() =>
        user
          ? // An empty password on edit keeps the current one.
            edit.submit({ ...common, active, ...(password ? { password } : {}) })
          : create.submit({ ...common, email, password })
      }
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput
          label={t('admin.fields.name')}
          required
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={errors.name}
          data-testid="agent-name"
        />
        <TextInput
          label={t('admin.fields.email')}
          type="email"
          required
          dir="ltr"
          disabled={Boolean(user)}
          value={email}
          onChange={(event) => setEmail(event.currentTarget.value)}
          error={errors.email}
          data-testid="agent-email"
        />
        <PasswordInput
          label={user ? t('admin.fields.resetPassword') : t('admin.fields.password')}
          description={user ? t('admin.fields.resetPasswordHint') : t('admin.fields.passwordHint')}
          required={!user}
          dir="ltr"
          autoComplete="new-password"
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
          error={errors.password}
          data-testid="agent-password"
        />
        <Select
          label={t('admin.fields.role')}
          data={AgencyRoles.options.map((value) => ({ value, label: t(`roles.${value}`) }))}
          value={role}
          onChange={(value) => {
            const parsed = AgencyRoles.safeParse(value);
            if (parsed.success) setRole(parsed.data);
          }}
          allowDeselect={false}
          error={errors.role}
          data-testid="agent-role"
        />
      </SimpleGrid>
      <div>
        <Text size="sm" fw={500} mb={4}>
          {t('admin.fields.tier')}
        </Text>
        <SegmentedControl
          value={String(tier)}
          onChange={(value) => setTier(Number(value))}
          data={[1, 2, 3].map((value) => ({ value: String(value), label: t('controls.tierN', { tier: value }) }))}
        />
      </div>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TagsInput
          label={t('admin.fields.skills')}
          description={t('admin.fields.tagsHint')}
          value={skills}
          onChange={setSkills}
          error={errors.skills}
          data-testid="agent-skills"
        />
        <TagsInput
          label={t('admin.fields.languages')}
          description={t('admin.fields.tagsHint')}
          data={['en', 'fa', 'ar', 'de', 'fr', 'es', 'tr']}
          value={languages}
          onChange={setLanguages}
          error={errors.languages}
        />
      </SimpleGrid>
      <div>
        <Text size="sm" fw={500}>
          {t('admin.fields.capacity')}
        </Text>
        <Text size="xs" c="dimmed" mb={4}>
          {t('admin.fields.capacityHint')}
        </Text>
        <Group grow>
          {(['email', 'chat', 'phone'] as const).map((channel) => (
            <NumberInput
              key={channel}
              label={t(`channel.${channel}`)}
              min={0}
              max={channel === 'email' ? 200 : channel === 'chat' ? 50 : 5}
              allowDecimal={false}
              value={capacity[channel]}
              onChange={(value) => setCapacity((current) => ({ ...current, [channel]: toCount(value) }))}
              error={errors[`capacity.${channel}`]}
            />
          ))}
        </Group>
      </div>
      <MultiSelect
        label={t('admin.fields.servesClients')}
        data={(clients.data ?? []).map((client) => ({ value: client.id, label: client.name }))}
        value={clientIds}
        onChange={setClientIds}
        searchable
        clearable
        error={errors.clientIds}
        data-testid="agent-clients"
      />
      <SimpleGrid cols={2} spacing="sm">
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
            mt={28}
            label={t('admin.fields.active')}
            checked={active}
            onChange={(event) => setActive(event.currentTarget.checked)}
          />
        )}
      </SimpleGrid>
    </FormModal>
  );
};
