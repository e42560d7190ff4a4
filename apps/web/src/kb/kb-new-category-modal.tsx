import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import type { KbCategory, Locale } from '@switchboard/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../ui/error-alert';
import { createKbCategory, kbKeys } from './kb-api';
import { categoryOptions } from './kb-options';

type NewCategoryModalProps = {
  clientId: string;
  categories: readonly KbCategory[];
  locale: Locale;
  onClose: () => void;
};

/** A new branch of the Q&A tree, named in English, Persian or both. */
export const KbNewCategoryModal = ({ clientId, categories, locale, onClose }: NewCategoryModalProps) => {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [names, setNames] = useState({ en: '', fa: '' });
  const [parentId, setParentId] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () =>
      createKbCategory(clientId, {
        parentId,
        names: Object.fromEntries(Object.entries(names).filter(([, name]) => name.trim())),
        position: categories.length,
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: kbKeys.tree(clientId) });
      onClose();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <Modal opened onClose={onClose} title={t('kb.newCategory')} centered>
      <form onSubmit={submit} noValidate data-testid="kb-new-category-form">
        <Stack gap="sm">
          {create.error ? <ErrorAlert error={create.error} /> : null}
          <TextInput
            label={t('kb.categoryNameEn')}
            value={names.en}
            onChange={(event) => setNames({ ...names, en: event.currentTarget.value })}
            attributes={{ input: { dir: 'ltr' } }}
            data-autofocus
            data-testid="kb-category-name-en"
          />
          <TextInput
            label={t('kb.categoryNameFa')}
            value={names.fa}
            onChange={(event) => setNames({ ...names, fa: event.currentTarget.value })}
            attributes={{ input: { dir: 'rtl' } }}
            data-testid="kb-category-name-fa"
          />
          <Select
            label={t('kb.parentCategory')}
            placeholder={t('kb.topLevel')}
            data={categoryOptions(categories, locale)}
            value={parentId}
            onChange={setParentId}
            clearable
          />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} data-testid="kb-new-category-submit">
              {t('kb.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
};
