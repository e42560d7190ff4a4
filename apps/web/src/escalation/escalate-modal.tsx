import { Alert, Button, Checkbox, Group, Modal, MultiSelect, Stack, Text, Textarea } from '@mantine/core';
import type { ConversationDetail } from '@switchboard/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../api/query-keys';
import { ErrorAlert } from '../ui/error-alert';
import { notifyError, notifySuccess } from '../ui/notify-error';
import { escalate, escalationKeys, getEscalationDraft } from './escalation-api';
import { type ChosenDocument, EscalationDocumentsPicker } from './escalation-documents-picker';

type Props = { conversation: ConversationDetail; opened: boolean; onClose: () => void };

/**
 * Ask the client: the question for the client's users, and in the same step the customer notice
 * (from the client's template, editable) with help-page links. Ctrl/⌘+Enter sends.
 */
export const EscalateModal = ({ conversation, opened, onClose }: Props) => {
  const { t } = useTranslation('escalation');
  const queryClient = useQueryClient();
  const draft = useQuery({
    queryKey: escalationKeys.draft(conversation.id),
    queryFn: ({ signal }) => getEscalationDraft(conversation.id, signal),
    enabled: opened,
  });
  const [question, setQuestion] = useState('');
  const [notify, setNotify] = useState(true);
  const [notice, setNotice] = useState('');
  const [articles, setArticles] = useState<string[]>([]);
  const [documents, setDocuments] = useState<ChosenDocument[]>([]);
  // Documents go as e-mail attachments, so only e-mail conversations offer them.
  const canAttach = conversation.channel === 'email';
  useEffect(() => {
    if (draft.data) setNotice(draft.data.customerNotice);
  }, [draft.data]);

  const send = useMutation({
    mutationFn: () =>
      escalate(conversation.id, {
        question: question.trim(),
        customerNotice: notify ? notice.trim() : null,
        kbItemIds: notify ? articles : [],
        attachmentIds: notify && canAttach ? documents.flatMap((d) => (d.attachmentId ? [d.attachmentId] : [])) : [],
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: escalationKeys.all });
      void queryClient.invalidateQueries({ queryKey: queryKeys.conversation(conversation.id) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.conversationLists });
      notifySuccess(t('escalate.sent', { client: conversation.client.name }));
      setQuestion('');
      setArticles([]);
      setDocuments([]);
      onClose();
    },
    onError: notifyError,
  });
  const uploading = documents.some((d) => !d.attachmentId && !d.error);
  const canSend = question.trim().length > 0 && (!notify || notice.trim().length > 0) && !send.isPending && !uploading;
  const submit = () => {
    if (canSend) send.mutate();
  };

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('escalate.title', { client: conversation.client.name })}
      size="lg"
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            submit();
          }
        }}
        data-testid="escalate-form"
      >
        <Stack gap="sm">
          <Textarea
            label={t('escalate.question')}
            description={t('escalate.questionHint')}
            autosize
            minRows={3}
            maxRows={10}
            required
            data-autofocus
            value={question}
            onChange={(event) => setQuestion(event.currentTarget.value)}
            data-testid="escalate-question"
            dir="auto"
          />
          <Checkbox
            label={t('escalate.notify')}
            checked={notify}
            onChange={(event) => setNotify(event.currentTarget.checked)}
            data-testid="escalate-notify"
          />
          {draft.isError && <ErrorAlert error={draft.error} onRetry={() => void draft.refetch()} />}
          {notify && (
            <>
              <Textarea
                label={t('escalate.notice', { language: t(`language.${draft.data?.language ?? 'en'}`) })}
                autosize
                minRows={3}
                maxRows={8}
                value={notice}
                onChange={(event) => setNotice(event.currentTarget.value)}
                data-testid="escalate-notice"
                dir="auto"
                disabled={draft.isPending}
              />
              <MultiSelect
                label={t('escalate.articles')}
                placeholder={t('escalate.articlesPlaceholder')}
                data={(draft.data?.kbArticles ?? []).map((article) => ({
                  value: article.itemId,
                  label: article.title,
                }))}
                value={articles}
                onChange={setArticles}
                searchable
                clearable
                maxValues={10}
                nothingFoundMessage={t('escalate.noArticles')}
                data-testid="escalate-articles"
              />
              {canAttach && (
                <EscalationDocumentsPicker
                  conversationId={conversation.id}
                  documents={documents}
                  onChange={setDocuments}
                />
              )}
            </>
          )}
          {draft.data?.autoRelay && (
            <Alert color="blue" variant="light" p="xs">
              <Text size="xs">{t('escalate.autoRelay')}</Text>
            </Alert>
          )}
          <Group justify="space-between">
            <Text size="xs" c="dimmed">
              {t('escalate.due')}
            </Text>
            <Group gap="xs">
              <Button variant="default" onClick={onClose}>
                {t('escalate.cancel')}
              </Button>
              <Button
                type="submit"
                color="orange"
                disabled={!canSend}
                loading={send.isPending}
                data-testid="escalate-submit"
              >
                {t('escalate.submit')}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
};
