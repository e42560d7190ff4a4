import { Button, Grid, Group, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IconPlus } from '../ui/icons';
import { getKbTree, kbKeys } from './kb-api';
import { KbImportModal } from './kb-import-modal';
import { KbItemEditor } from './kb-item-editor';
import { KbNewCategoryModal } from './kb-new-category-modal';
import { KbNewItemModal } from './kb-new-item-modal';
import { KbTreePanel } from './kb-tree-panel';

type Dialog = 'item' | 'category' | 'import' | null;

/** The knowledge-base editor for one client: the Q&A tree on the side, the chosen item with its versions. */
export const KbEditor = ({ clientId }: { clientId: string }) => {
  const { t, i18n } = useTranslation();
  const [selected, setSelected] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const tree = useQuery({ queryKey: kbKeys.tree(clientId), queryFn: ({ signal }) => getKbTree(clientId, signal) });
  const locale = i18n.language === 'fa' ? 'fa' : 'en';
  const categories = tree.data?.categories ?? [];
  const items = tree.data?.items ?? [];
  const close = () => setDialog(null);

  return (
    <>
      <Group px="md" pt="md" gap="xs">
        <Button leftSection={<IconPlus size={16} />} onClick={() => setDialog('item')} data-testid="kb-new-item">
          {t('kb.newItem')}
        </Button>
        <Button variant="default" onClick={() => setDialog('category')} data-testid="kb-new-category">
          {t('kb.newCategory')}
        </Button>
        <Button variant="default" onClick={() => setDialog('import')} data-testid="kb-open-import">
          {t('kb.import.open')}
        </Button>
      </Group>
      <Grid gap="md" p="md">
        <Grid.Col span={{ base: 12, md: 4 }}>
          <KbTreePanel
            clientId={clientId}
            categories={categories}
            items={items}
            locale={locale}
            selected={selected}
            onSelect={setSelected}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          {selected ? (
            <KbItemEditor key={selected} clientId={clientId} itemId={selected} onDeleted={() => setSelected(null)} />
          ) : (
            <Text c="dimmed">{t('kb.pickItem')}</Text>
          )}
        </Grid.Col>
      </Grid>
      {dialog === 'item' && (
        <KbNewItemModal
          clientId={clientId}
          categories={categories}
          locale={locale}
          onClose={close}
          onCreated={(itemId) => {
            close();
            setSelected(itemId);
          }}
        />
      )}
      {dialog === 'category' && (
        <KbNewCategoryModal clientId={clientId} categories={categories} locale={locale} onClose={close} />
      )}
      {dialog === 'import' && (
        <KbImportModal clientId={clientId} categories={categories} locale={locale} onClose={close} />
      )}
    </>
  );
};
