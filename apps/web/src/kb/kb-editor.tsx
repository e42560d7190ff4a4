import {
  Badge,
  Button,
  Grid,
  Group,
  NavLink,
  Paper,
  ScrollArea,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  TextInput,
  Timeline,
  Title,
} from '@mantine/core';
import type { KbItemDetail, KbVisibility } from '@switchboard/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../format/use-format';
import { notifyError } from '../ui/notify-error';
import { getKbItem, getKbTree, kbKeys, searchKb, updateKbItem } from './kb-api';

/** The knowledge-base editor for one client: the Q&A tree on the side, the chosen item with its versions. */
export const KbEditor = ({ clientId }: { clientId: string }) => {
  const { t, i18n } = useTranslation();
  const [selected, setSelected] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const tree = useQuery({ queryKey: kbKeys.tree(clientId), queryFn: ({ signal }) => getKbTree(clientId, signal) });
  const hits = useQuery({
    queryKey: kbKeys.search(clientId, q.trim()),
    queryFn: ({ signal }) => searchKb(clientId, q.trim(), signal),
    enabled: q.trim().length > 1,
  });
  const locale = i18n.language === 'fa' ? 'fa' : 'en';
  const categories = tree.data?.categories ?? [];
  const items = tree.data?.items ?? [];

  return (
    <Grid gap="md" p="md">
      <Grid.Col span={{ base: 12, md: 4 }}>
        <Paper withBorder radius="md" p="sm">
          <TextInput
            placeholder={t('kb.searchPlaceholder')}
            value={q}
            onChange={(event) => setQ(event.currentTarget.value)}
            mb="sm"
            data-testid="kb-search"
          />
          <ScrollArea.Autosize mah="70vh" type="auto">
            {q.trim().length > 1 ? (
              (hits.data ?? []).map((hit) => (
                <NavLink
                  key={hit.id}
                  label={hit.title}
                  active={hit.id === selected}
                  onClick={() => setSelected(hit.id)}
                  data-testid="kb-tree-item"
                />
              ))
            ) : (
              <>
                {categories.map((category) => (
                  <NavLink
                    key={category.id}
                    label={category.names[locale] ?? category.names.en ?? category.names.fa}
                    defaultOpened
                    childrenOffset={12}
                    data-testid="kb-category"
                  >
                    {items
                      .filter((item) => item.categoryId === category.id)
                      .map((item) => (
                        <NavLink
                          key={item.id}
                          label={item.title}
                          description={`${item.language.toUpperCase()} · ${t(`kb.kind.${item.kind}`)}`}
                          active={item.id === selected}
                          onClick={() => setSelected(item.id)}
                          data-testid="kb-tree-item"
                        />
                      ))}
                  </NavLink>
                ))}
                {items
                  .filter((item) => !item.categoryId)
                  .map((item) => (
                    <NavLink
                      key={item.id}
                      label={item.title}
                      active={item.id === selected}
                      onClick={() => setSelected(item.id)}
                      data-testid="kb-tree-item"
                    />
                  ))}
              </>
            )}
          </ScrollArea.Autosize>
        </Paper>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 8 }}>
        {selected ? (
          <KbItemEditor key={selected} clientId={clientId} itemId={selected} />
        ) : (
          <Text c="dimmed">{t('kb.pickItem')}</Text>
        )}
      </Grid.Col>
    </Grid>
  );
};

const KbItemEditor = ({ clientId, itemId }: { clientId: string; itemId: string }) => {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const item = useQuery({
    queryKey: kbKeys.item(clientId, itemId),
    queryFn: ({ signal }) => getKbItem(clientId, itemId, signal),
  });
  const [draft, setDraft] = useState<{ title: string; body: string; keywords: string; visibility: KbVisibility }>();
  useEffect(() => {
    if (item.data && !draft) setDraft(toDraft(item.data));
  }, [item.data, draft]);
  const save = useMutation({
    mutationFn: () => updateKbItem(clientId, itemId, draft!),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: kbKeys.item(clientId, itemId) });
      void queryClient.invalidateQueries({ queryKey: kbKeys.tree(clientId) });
    },
    onError: notifyError,
  });
  if (!item.data || !draft) return null;

  return (
    <Stack gap="md">
      <Paper withBorder radius="md" p="md">
        <Group justify="space-between" mb="sm">
          <Title order={4}>{t('kb.editItem')}</Title>
          <Group gap={6}>
            <Badge variant="light">{item.data.language.toUpperCase()}</Badge>
            <Badge variant="light" color="gray" data-testid="kb-version">
              {t('kb.version', { version: item.data.version })}
            </Badge>
          </Group>
        </Group>
        <Stack gap="sm">
          <TextInput
            label={t('kb.title')}
            value={draft.title}
            onChange={(event) => setDraft({ ...draft, title: event.currentTarget.value })}
            dir="auto"
            data-testid="kb-title"
          />
          <Textarea
            label={t('kb.body')}
            description={t('kb.bodyHint')}
            autosize
            minRows={6}
            value={draft.body}
            onChange={(event) => setDraft({ ...draft, body: event.currentTarget.value })}
            dir="auto"
            data-testid="kb-body"
          />
          <TextInput
            label={t('kb.keywords')}
            value={draft.keywords}
            onChange={(event) => setDraft({ ...draft, keywords: event.currentTarget.value })}
            dir="auto"
          />
          <SegmentedControl
            value={draft.visibility}
            onChange={(value) => setDraft({ ...draft, visibility: value as KbVisibility })}
            data={[
              { value: 'internal', label: t('kb.visibility.internal') },
              { value: 'public', label: t('kb.visibility.public') },
            ]}
          />
          <Group justify="flex-end">
            <Button onClick={() => save.mutate()} loading={save.isPending} data-testid="kb-save">
              {t('kb.save')}
            </Button>
          </Group>
        </Stack>
      </Paper>
      <Paper withBorder radius="md" p="md">
        <Text fw={600} mb="xs">
          {t('kb.preview')}
        </Text>
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised server-side (allow-list) */}
        <div
          className="message-html"
          dir="auto"
          data-testid="kb-preview"
          dangerouslySetInnerHTML={{ __html: item.data.bodyHtml }}
        />
      </Paper>
      <Paper withBorder radius="md" p="md">
        <Text fw={600} mb="xs">
          {t('kb.versions')}
        </Text>
        <Timeline bulletSize={14} lineWidth={2} data-testid="kb-versions">
          {item.data.versions.map((version) => (
            <Timeline.Item key={version.version} title={t('kb.version', { version: version.version })}>
              <Text size="xs" c="dimmed">
                {version.editorName} · {format.dateTime(version.createdAt)}
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
      </Paper>
    </Stack>
  );
};

const toDraft = (item: KbItemDetail) => ({
  title: item.title,
  body: item.bodyText,
  keywords: item.keywords,
  visibility: item.visibility,
});
