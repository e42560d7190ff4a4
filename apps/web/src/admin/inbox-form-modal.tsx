import { Button, Code, CopyButton, Group, Select, Switch, Text, TextInput } from '@mantine/core';
import type { Inbox, InboxSettings } from '@switchboard/contracts';
import { Channel, CreateInboxRequest, UpdateInboxRequest } from '@switchboard/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createInbox, updateInbox } from '../api/admin-api';
import { queryKeys } from '../api/query-keys';
import { ChatEmbedCode } from '../chat/chat-inbox-fields';
import { notifySuccess } from '../ui/notify-error';
import { FormModal } from './form-modal';
import { defaultSettings, InboxSettingsFields } from './inbox-settings-fields';
import { useFormSave } from './use-form-save';

type InboxFormModalProps = { clientId: string; inbox?: Inbox; onClose: () => void };

export const InboxFormModal = ({ clientId, inbox, onClose }: InboxFormModalProps) => {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState(inbox?.name ?? '');
  const [settings, setSettings] = useState<InboxSettings>(inbox?.settings ?? defaultSettings('email'));
  const [active, setActive] = useState(inbox?.active ?? true);

  const saved = () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.inboxes(clientId) });
    notifySuccess(inbox ? t('admin.saved') : t('admin.created'));
    onClose();
  };
  const create = useFormSave(CreateInboxRequest, (body) => createInbox(clientId, body), saved);
  const edit = useFormSave(UpdateInboxRequest, (body) => updateInbox(clientId, inbox?.id ?? '', body), saved);
  const form = inbox ? edit : create;

  return (
    <FormModal
      opened
      onClose={onClose}
      title={inbox ? t('admin.editInbox') : t('admin.newInbox')}
      saving={form.saving}
      error={form.error}
      testId="inbox-form"
      onSubmit={() => (inbox ? edit.submit({ name, settings, active }) : create.submit({ name, settings }))}
    >
      <TextInput
        label={t('admin.fields.name')}
        required
        value={name}
        onChange={(event) => setName(event.currentTarget.value)}
        error={form.fieldErrors.name}
        data-testid="inbox-name"
      />
      <Select
        label={t('admin.inbox.channel')}
        description={inbox ? t('admin.inbox.channelFixed') : undefined}
        data={Channel.options.map((channel) => ({ value: channel, label: t(`channel.${channel}`) }))}
        value={settings.channel}
        onChange={(value) => {
          const parsed = Channel.safeParse(value);
          if (parsed.success && parsed.data !== settings.channel) setSettings(defaultSettings(parsed.data));
        }}
        allowDeselect={false}
        disabled={Boolean(inbox)}
        data-testid="inbox-channel"
      />
      <InboxSettingsFields settings={settings} onChange={setSettings} errors={form.fieldErrors} />
      {inbox && (
        <>
          <div>
            <Text size="sm" fw={500}>
              {t('admin.inbox.key')}
            </Text>
            <Group gap="xs" wrap="nowrap">
              <Code style={{ flex: 1, overflowWrap: 'anywhere' }}>{inbox.key}</Code>
              <CopyButton value={inbox.key}>
                {({ copied, copy }) => (
                  <Button size="compact-xs" variant="light" onClick={copy}>
                    {copied ? t('common.copied') : t('common.copy')}
                  </Button>
                )}
              </CopyButton>
            </Group>
          </div>
          {inbox.channel === 'chat' && <ChatEmbedCode inboxKey={inbox.key} />}
          <Switch
            label={t('admin.fields.active')}
            checked={active}
            onChange={(event) => setActive(event.currentTarget.checked)}
          />
        </>
      )}
    </FormModal>
  );
};
