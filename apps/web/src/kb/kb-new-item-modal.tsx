import { Button, Group, Modal, SegmentedControl, Select, Stack, Textarea, TextInput } from '@mantine/core';
import type { KbCategory, KbItemKind, KbVisibility, Locale } from '@switchboard/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../ui/error-alert';
import { createKbItem, kbKeys } from './kb-api';
import { autoDirection, categoryOptions, kindOptions, languageOptions } from './kb-options';

type NewItemModalProps = {
  clientId: string;
  categories: readonly KbCategory[];
  locale: Locale;
  onClose: () => void;
  onCreated: (itemId: string) => void;
};

/** A new question with its answer (or an article, canned reply, call script) in one language. */
export const KbNewItemModal = ({ clientId, categories, locale, onClose, onCreated }: NewItemModalProps) => {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState({
    title: '',
    body: '',
    keywords: '',
    language: locale,
    kind: 'answer' as KbItemKind,
    categoryId: null as string | null,
    visibility: 'internal' as KbVisibility,
  });
  const create = useMutation({
    mutationFn: () => createKbItem(clientId, draft),
    onSuccess: (item) => {
      void queryClient.invalidateQueries({ queryKey: kbKeys.tree(clientId) });
      onCreated(item.id);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <Modal opened onClose={onClose} title={t('kb.newItem')} size="lg" centered>
      <form onSubmit={submit} noValidate data-testid="kb-new-item-form">
        <Stack gap="sm">
          {create.error ? <ErrorAlert error={create.error} /> : null}
          <Group grow>
            <Select
              label={t('kb.languageLabel')}
              data={languageOptions(t)}
              value={draft.language}
              onChange={(value) => setDraft({ ...draft, language: (value ?? locale) as Locale })}
              allowDeselect={false}
            />
            <Select
              label={t('kb.kindLabel')}
              data={kindOptions(t)}
              value={draft.kind}
              onChange={(value) => setDraft({ ...draft, kind: (value ?? 'answer') as KbItemKind })}
              allowDeselect={false}
            />
            <Select
              label={t('kb.category')}
              placeholder={t('kb.noCategory')}
              data={categoryOptions(categories, locale)}
              value={draft.categoryId}
              onChange={(value) => setDraft({ ...draft, categoryId: value })}
              clearable
            />
          </Group>
          <TextInput
            label={t('kb.itemTitle')}
            value={draft.title}
            onChange={(event) => setDraft({ ...draft, title: event.currentTarget.value })}
            attributes={autoDirection}
            required
            data-autofocus
            data-testid="kb-new-title"
          />
          <Textarea
            label={t('kb.body')}
            description={t('kb.bodyHint')}
            autosize
            minRows={5}
            value={draft.body}
            onChange={(event) => setDraft({ ...draft, body: event.currentTarget.value })}
            attributes={autoDirection}
            required
            data-testid="kb-new-body"
          />
          <TextInput
            label={t('kb.keywords')}
            value={draft.keywords}
            onChange={(event) => setDraft({ ...draft, keywords: event.currentTarget.value })}
            attributes={autoDirection}
          />
          <SegmentedControl
            value={draft.visibility}
            onChange={(value) => setDraft({ ...draft, visibility: value as KbVisibility })}
            data={[
              { value: 'internal', label: t('kb.visibility.internal') },
              { value: 'public', label: t('kb.visibility.public') },
            ]}
          />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} data-testid="kb-new-item-submit">
              {t('kb.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
};
