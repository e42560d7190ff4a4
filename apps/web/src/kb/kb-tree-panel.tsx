import { ActionIcon, NavLink, Paper, ScrollArea, Text, TextInput } from '@mantine/core';
import type { KbCategory, KbItemSummary, Locale } from '@switchboard/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IconX } from '../ui/icons';
import { notifyError } from '../ui/notify-error';
import { deleteKbCategory, kbKeys, searchKb } from './kb-api';
import { KbConfirmDelete } from './kb-confirm-delete';
import { autoDirection, categoryName } from './kb-options';

type TreePanelProps = {
  clientId: string;
  categories: readonly KbCategory[];
  items: readonly KbItemSummary[];
  locale: Locale;
  selected: string | null;
  onSelect: (itemId: string) => void;
};

/** The Q&A tree (categories, then their items) or, while typing, the search results. */
export const KbTreePanel = ({ clientId, categories, items, locale, selected, onSelect }: TreePanelProps) => {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const query = q.trim();
  const hits = useQuery({
    queryKey: kbKeys.search(clientId, query),
    queryFn: ({ signal }) => searchKb(clientId, query, signal),
    enabled: query.length > 1,
  });
  const itemLink = (item: Pick<KbItemSummary, 'id' | 'title'> & Partial<KbItemSummary>) => (
    <NavLink
      key={item.id}
      label={<span dir="auto">{item.title}</span>}
      description={item.language ? `${t(`kb.language.${item.language}`)} · ${t(`kb.kind.${item.kind}`)}` : undefined}
      active={item.id === selected}
      onClick={() => onSelect(item.id)}
      data-testid="kb-tree-item"
    />
  );
  const children = (parentId: string | null) => categories.filter((category) => category.parentId === parentId);
  const categoryLink = (category: KbCategory) => (
    <NavLink
      key={category.id}
      label={categoryName(category, locale)}
      defaultOpened
      childrenOffset={12}
      rightSection={<DeleteCategory clientId={clientId} category={category} locale={locale} />}
      data-testid="kb-category"
    >
      {children(category.id).map(categoryLink)}
      {items.filter((item) => item.categoryId === category.id).map(itemLink)}
    </NavLink>
  );

  return (
    <Paper withBorder radius="md" p="sm">
      <TextInput
        placeholder={t('kb.searchPlaceholder')}
        value={q}
        onChange={(event) => setQ(event.currentTarget.value)}
        mb="sm"
        // Empty, the placeholder follows the page; typed, the text finds its own direction.
        attributes={q ? autoDirection : undefined}
        data-testid="kb-search"
      />
      <ScrollArea.Autosize mah="70vh" type="auto">
        {query.length > 1 ? (
          (hits.data ?? []).map(itemLink)
        ) : (
          <>
            {children(null).map(categoryLink)}
            {items.filter((item) => !item.categoryId).map(itemLink)}
            {categories.length === 0 && items.length === 0 && (
              <Text size="sm" c="dimmed" p="xs">
                {t('kb.empty')}
              </Text>
            )}
          </>
        )}
      </ScrollArea.Autosize>
    </Paper>
  );
};

const DeleteCategory = ({ clientId, category, locale }: { clientId: string; category: KbCategory; locale: Locale }) => {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => deleteKbCategory(clientId, category.id),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: kbKeys.tree(clientId) }),
    onError: notifyError,
  });
  const name = categoryName(category, locale);
  return (
    <KbConfirmDelete
      question={t('kb.deleteCategoryQuestion', { name })}
      onConfirm={() => remove.mutate()}
      pending={remove.isPending}
      testId="kb-delete-category"
    >
      <ActionIcon
        component="span"
        variant="subtle"
        color="gray"
        size="sm"
        aria-label={t('kb.deleteCategory', { name })}
        onClick={(event) => event.stopPropagation()}
        data-testid="kb-delete-category"
      >
        <IconX size={14} />
      </ActionIcon>
    </KbConfirmDelete>
  );
};
