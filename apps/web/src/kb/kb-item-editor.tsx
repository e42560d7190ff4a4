import {
  Badge,
  Button,
  Group,
  Paper,
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
import { deleteKbItem, getKbItem, kbKeys, updateKbItem } from './kb-api';
import { KbConfirmDelete } from './kb-confirm-delete';
import { autoDirection } from './kb-options';

type ItemEditorProps = { clientId: string; itemId: string; onDeleted: () => void };

/** One item: its text saved as a new version on every change, a preview, and every version with who saved it. */
export const KbItemEditor = ({ clientId, itemId, onDeleted }: ItemEditorProps) => {
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
  const remove = useMutation({
    mutationFn: () => deleteKbItem(clientId, itemId),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: kbKeys.tree(clientId) });
      onDeleted();
    },
    onError: notifyError,
  });
  if (!item.data || !draft) return null;
  const preview = { __html: item.data.bodyHtml };

  return (
    <Stack gap="md">
      <Paper withBorder radius="md" p="md">
        <Group justify="space-between" mb="sm">
          <Title order={4}>{t('kb.editItem')}</Title>
          <Group gap={6}>
            <Badge variant="light">{t(`kb.language.${item.data.language}`)}</Badge>
            <Badge variant="light" color="gray" data-testid="kb-version">
              {t('kb.version', { version: format.number(item.data.version) })}
            </Badge>
          </Group>
        </Group>
        <Stack gap="sm">
          <TextInput
            label={t('kb.itemTitle')}
            value={draft.title}
            onChange={(event) => setDraft({ ...draft, title: event.currentTarget.value })}
            attributes={autoDirection}
            data-testid="kb-title"
          />
          <Textarea
            label={t('kb.body')}
            description={t('kb.bodyHint')}
            autosize
            minRows={6}
            value={draft.body}
            onChange={(event) => setDraft({ ...draft, body: event.currentTarget.value })}
            attributes={autoDirection}
            data-testid="kb-body"
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
          <Group justify="space-between">
            <KbConfirmDelete
              question={t('kb.deleteItemQuestion')}
              onConfirm={() => remove.mutate()}
              pending={remove.isPending}
              testId="kb-delete-item"
            >
              <Button variant="subtle" color="red" data-testid="kb-delete-item">
                {t('kb.delete')}
              </Button>
            </KbConfirmDelete>
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
        <div className="message-html" dir="auto" data-testid="kb-preview" dangerouslySetInnerHTML={preview} />
      </Paper>
      <Paper withBorder radius="md" p="md">
        <Text fw={600} mb="xs">
          {t('kb.versions')}
        </Text>
        <Timeline bulletSize={14} lineWidth={2} data-testid="kb-versions">
          {item.data.versions.map((version) => (
            <Timeline.Item key={version.version} title={t('kb.version', { version: format.number(version.version) })}>
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
