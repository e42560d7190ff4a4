import {
  ActionIcon,
  Alert,
  Button,
  Group,
  PasswordInput,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import {
  type CreatedPhoneLine,
  CreatePhoneLineRequest,
  type PhoneLine,
  type PhoneSetup,
  UpdatePhoneLineRequest,
} from '@switchboard/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../admin/form-modal';
import { useFormSave } from '../../admin/use-form-save';
import { IconPlus, IconX } from '../../ui/icons';
import { notifySuccess } from '../../ui/notify-error';
import { createPhoneLine, phoneKeys, updatePhoneLine } from '../phone-api';

type Props = {
  clientId: string;
  setup: PhoneSetup;
  line?: PhoneLine;
  onClose: () => void;
  onCreated: (line: CreatedPhoneLine) => void;
};
type IvrOption = { digit: string; queueId: string };
const digits = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '*', '#'];

/** A line: its number and provider, greeting, recording, optional IVR menu, default queue and call script. */
export const PhoneLineFormModal = ({ clientId, setup, line, onClose, onCreated }: Props) => {
  const { t, i18n } = useTranslation('phone');
  const queryClient = useQueryClient();
  const firstQueue = setup.queues[0]?.id ?? '';
  const [name, setName] = useState(line?.name ?? '');
  const [number, setNumber] = useState(line?.number ?? '');
  const [provider, setProvider] = useState<'twilio' | 'cti'>(line?.provider ?? 'twilio');
  const [accountSid, setAccountSid] = useState(line?.accountSid ?? '');
  const [authToken, setAuthToken] = useState('');
  const [queueId, setQueueId] = useState(line?.queueId ?? firstQueue);
  const [greeting, setGreeting] = useState(line?.greeting ?? '');
  const [record, setRecord] = useState(line?.record ?? false);
  const [language, setLanguage] = useState<'en' | 'fa'>(line?.language ?? 'en');
  const [scriptGroupId, setScriptGroupId] = useState<string | null>(line?.scriptGroupId ?? null);
  const [active, setActive] = useState(line?.active ?? true);
  const [ivrOn, setIvrOn] = useState(Boolean(line?.ivr));
  const [ivrPrompt, setIvrPrompt] = useState(line?.ivr?.prompt ?? '');
  const [ivrOptions, setIvrOptions] = useState<IvrOption[]>(
    line?.ivr?.options ?? [{ digit: '1', queueId: firstQueue }],
  );

  const saved = () => {
    void queryClient.invalidateQueries({ queryKey: phoneKeys.setup(clientId) });
    void queryClient.invalidateQueries({ queryKey: phoneKeys.lines });
    notifySuccess(t('setup.saved'));
    onClose();
  };
  const create = useFormSave(
    CreatePhoneLineRequest,
    (body) => createPhoneLine(clientId, body),
    (made) => {
      saved();
      onCreated(made);
    },
  );
  const edit = useFormSave(UpdatePhoneLineRequest, (body) => updatePhoneLine(clientId, line?.id ?? '', body), saved);
  const form = line ? edit : create;
  const errors = form.fieldErrors;

  const queueOptions = setup.queues.map((q) => ({ value: q.id, label: q.name }));
  const scriptOptions = setup.scripts.map((s) => ({
    value: s.groupId,
    label: `${s.title} (${s.language === 'fa' ? 'فارسی' : 'English'}, v${s.version})`,
  }));
  // One entry per script group: a script's language versions share its group.
  const uniqueScripts = scriptOptions.filter((o, i) => scriptOptions.findIndex((p) => p.value === o.value) === i);
  const ivr = ivrOn ? { prompt: ivrPrompt, options: ivrOptions } : null;
  const twilio = provider === 'twilio';

  const submit = () => {
    const common = { name, number: number.trim(), queueId, greeting, record, language, scriptGroupId, ivr };
    if (!line)
      return create.submit({
        ...common,
        provider,
        ...(twilio && { accountSid: accountSid.trim(), authToken: authToken.trim() }),
      });
    return edit.submit({
      ...common,
      active,
      ...(twilio && accountSid.trim() !== (line.accountSid ?? '') && { accountSid: accountSid.trim() }),
      ...(twilio && authToken.trim() && { authToken: authToken.trim() }),
    });
  };
  const setOption = (index: number, change: Partial<IvrOption>) =>
    setIvrOptions(ivrOptions.map((option, i) => (i === index ? { ...option, ...change } : option)));

  return (
    <FormModal
      opened
      onClose={onClose}
      title={line ? t('setup.editLine') : t('setup.newLine')}
      saving={form.saving}
      error={form.error}
      testId="phone-line-form"
      size="lg"
      onSubmit={submit}
    >
      <Group grow align="flex-start">
        <TextInput
          label={t('setup.name')}
          required
          dir="auto"
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={errors.name}
          data-testid="line-name"
          data-autofocus
        />
        <TextInput
          label={t('setup.number')}
          description={t('setup.numberHint')}
          required
          dir="ltr"
          placeholder="+15555550100"
          value={number}
          onChange={(event) => setNumber(event.currentTarget.value)}
          error={errors.number}
          data-testid="line-number"
        />
      </Group>
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          {t('setup.provider')}
        </Text>
        <SegmentedControl
          value={provider}
          onChange={(value) => setProvider(value === 'cti' ? 'cti' : 'twilio')}
          disabled={Boolean(line)}
          data={[
            { value: 'twilio', label: t('setup.providers.twilio') },
            { value: 'cti', label: t('setup.providers.cti') },
          ]}
          data-testid="line-provider"
        />
        <Text size="xs" c="dimmed">
          {twilio ? t('setup.twilioHint') : t('setup.ctiHint')}
        </Text>
      </Stack>
      {twilio && (
        <Group grow align="flex-start">
          <TextInput
            label={t('setup.accountSid')}
            dir="ltr"
            placeholder="AC…"
            value={accountSid}
            onChange={(event) => setAccountSid(event.currentTarget.value)}
            error={errors.accountSid}
            data-testid="line-account-sid"
          />
          <PasswordInput
            label={t('setup.authToken')}
            description={line ? t('setup.authTokenKeep') : undefined}
            dir="ltr"
            value={authToken}
            onChange={(event) => setAuthToken(event.currentTarget.value)}
            error={errors.authToken}
            data-testid="line-auth-token"
          />
        </Group>
      )}
      <Group grow align="flex-start">
        <Select
          label={t('setup.queue')}
          description={t('setup.queueHint')}
          data={queueOptions}
          value={queueId}
          onChange={(value) => value && setQueueId(value)}
          allowDeselect={false}
          error={errors.queueId}
          data-testid="line-queue"
        />
        <Select
          label={t('setup.language')}
          data={[
            { value: 'en', label: 'English' },
            { value: 'fa', label: 'فارسی' },
          ]}
          value={language}
          onChange={(value) => setLanguage(value === 'fa' ? 'fa' : 'en')}
          allowDeselect={false}
          data-testid="line-language"
        />
      </Group>
      <Textarea
        label={t('setup.greeting')}
        description={t('setup.greetingHint')}
        autosize
        minRows={2}
        dir="auto"
        value={greeting}
        onChange={(event) => setGreeting(event.currentTarget.value)}
        error={errors.greeting}
        data-testid="line-greeting"
      />
      <Switch
        label={t('setup.recordCalls')}
        checked={record}
        onChange={(event) => setRecord(event.currentTarget.checked)}
        data-testid="line-record"
      />
      {record &&
        (setup.settings.consentNotice ? (
          <Text size="sm" c="dimmed" data-testid="line-consent-preview">
            {t('setup.consentPreview')} “<bdi>{setup.settings.consentNotice}</bdi>”
          </Text>
        ) : (
          <Alert color="orange" data-testid="line-consent-missing">
            {t('setup.consentMissing')}
          </Alert>
        ))}
      <Select
        label={t('setup.script')}
        description={uniqueScripts.length === 0 ? t('setup.noScriptsHint') : t('setup.scriptHint')}
        placeholder={t('setup.noScript')}
        data={uniqueScripts}
        value={scriptGroupId}
        onChange={setScriptGroupId}
        clearable
        error={errors.scriptGroupId}
        data-testid="line-script"
      />
      <Switch
        label={t('setup.ivr')}
        description={t('setup.ivrHint')}
        checked={ivrOn}
        onChange={(event) => setIvrOn(event.currentTarget.checked)}
        data-testid="line-ivr"
      />
      {ivrOn && (
        <Stack gap="xs" data-testid="ivr-editor">
          <Textarea
            label={t('setup.ivrPrompt')}
            autosize
            minRows={2}
            dir="auto"
            value={ivrPrompt}
            onChange={(event) => setIvrPrompt(event.currentTarget.value)}
            error={errors['ivr.prompt']}
            data-testid="ivr-prompt"
          />
          {ivrOptions.map((option, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
            <Group key={index} gap="xs" wrap="nowrap" data-testid="ivr-option">
              <Select
                aria-label={t('setup.ivrDigit')}
                data={digits}
                value={option.digit}
                onChange={(value) => value && setOption(index, { digit: value })}
                allowDeselect={false}
                w={90}
              />
              <Text size="sm">{i18n.dir() === 'rtl' ? '←' : '→'}</Text>
              <Select
                aria-label={t('setup.queue')}
                data={queueOptions}
                value={option.queueId}
                onChange={(value) => value && setOption(index, { queueId: value })}
                allowDeselect={false}
                style={{ flex: 1 }}
              />
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label={t('setup.removeOption')}
                onClick={() => setIvrOptions(ivrOptions.filter((_, i) => i !== index))}
              >
                <IconX size={16} />
              </ActionIcon>
            </Group>
          ))}
          {(errors['ivr.options'] ?? errors.ivr) && (
            <Text size="sm" c="red">
              {errors['ivr.options'] ?? errors.ivr}
            </Text>
          )}
          <Group>
            <Button
              variant="light"
              size="compact-sm"
              leftSection={<IconPlus size={14} />}
              disabled={ivrOptions.length >= digits.length}
              onClick={() =>
                setIvrOptions([
                  ...ivrOptions,
                  { digit: digits.find((d) => !ivrOptions.some((o) => o.digit === d)) ?? '1', queueId: firstQueue },
                ])
              }
              data-testid="ivr-add-option"
            >
              {t('setup.addOption')}
            </Button>
          </Group>
        </Stack>
      )}
      {line && (
        <Switch
          label={t('setup.active')}
          checked={active}
          onChange={(event) => setActive(event.currentTarget.checked)}
        />
      )}
    </FormModal>
  );
};
