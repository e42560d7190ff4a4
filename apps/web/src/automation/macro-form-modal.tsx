import { Button, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { CreateMacroRequest, type Macro, type MacroAction } from '@switchboard/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../admin/form-modal';
import { useFormSave } from '../admin/use-form-save';
import { IconPlus } from '../ui/icons';
import { notifySuccess } from '../ui/notify-error';
import { ActionEditor } from './action-editor';
import { automationKeys, createMacro, updateMacro } from './automation-api';
import { defaultAction, macroActionTypes, placeholders } from './rule-parts';
import { usePeople } from './use-people';

type MacroFormModalProps = { clientId: string | null; macro?: Macro | undefined; onClose: () => void };

export const MacroFormModal = ({ clientId, macro, onClose }: MacroFormModalProps) => {
  const { t } = useTranslation('automation');
  const queryClient = useQueryClient();
  const people = usePeople(clientId);
  const [name, setName] = useState(macro?.name ?? '');
  const [actions, setActions] = useState<MacroAction[]>(macro?.actions ?? []);
  const [replyTemplate, setReplyTemplate] = useState(macro?.replyTemplate ?? '');
  const save = useFormSave(
    CreateMacroRequest,
    (body) => {
      const { clientId: _owner, ...changes } = body;
      return macro ? updateMacro(macro.id, changes) : createMacro(body);
    },
    () => {
      void queryClient.invalidateQueries({ queryKey: automationKeys.macros(clientId) });
      notifySuccess(t('macros.saved'));
      onClose();
    },
  );
  const rootError = save.fieldErrors[''];
  return (
    <FormModal
      opened
      size="lg"
      title={macro ? t('macros.edit') : t('macros.new')}
      onClose={onClose}
      onSubmit={() => save.submit({ clientId, name, actions, replyTemplate })}
      saving={save.saving}
      error={save.error}
      testId="macro-form"
    >
      <TextInput
        label={t('macros.name')}
        value={name}
        onChange={(event) => setName(event.currentTarget.value)}
        error={save.fieldErrors.name}
        dir="auto"
        data-autofocus
        data-testid="macro-name"
      />
      <Stack gap={6}>
        <Text size="sm" fw={500}>
          {t('macros.actionsLabel')}
        </Text>
        {actions.map((action, index) => (
          <ActionEditor
            // biome-ignore lint/suspicious/noArrayIndexKey: actions have no identity but their place
            key={index}
            index={index}
            action={action}
            types={macroActionTypes}
            people={people}
            onChange={(next) => setActions(actions.map((a, i) => (i === index ? (next as MacroAction) : a)))}
            onRemove={() => setActions(actions.filter((_, i) => i !== index))}
          />
        ))}
        <Button
          variant="subtle"
          size="compact-sm"
          leftSection={<IconPlus size={14} />}
          style={{ alignSelf: 'flex-start' }}
          onClick={() => setActions([...actions, defaultAction('add_tags') as MacroAction])}
          data-testid="macro-add-action"
        >
          {t('actions.add')}
        </Button>
      </Stack>
      <Textarea
        label={t('macros.reply')}
        description={t('macros.replyHint')}
        autosize
        minRows={4}
        value={replyTemplate}
        onChange={(event) => setReplyTemplate(event.currentTarget.value)}
        error={save.fieldErrors.replyTemplate ?? rootError}
        dir="auto"
        data-testid="macro-reply"
      />
      <Text size="xs" c="dimmed">
        {t('actions.placeholders')} <bdi dir="ltr">{placeholders.join('  ')}</bdi>
      </Text>
    </FormModal>
  );
};
