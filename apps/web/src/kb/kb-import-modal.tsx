import { Badge, Button, FileInput, Group, Modal, Progress, Select, Stack, Table, Text } from '@mantine/core';
import type { KbCategory, KbItemKind, KbVisibility, Locale } from '@switchboard/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemError } from '../api/problem-error';
import { useFormat } from '../format/use-format';
import { problemText } from '../ui/problem-text';
import { importKbDocument, kbKeys } from './kb-api';
import { categoryOptions, kindOptions, languageOptions } from './kb-options';

const accepted = '.md,.markdown,.html,.htm,.txt,.docx';

type FileResult = { name: string; state: 'waiting' | 'done' | 'failed'; title?: string; error?: string };

/** The file's bytes as base64, as the import API takes them. */
const readBase64 = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });

type ImportModalProps = { clientId: string; categories: readonly KbCategory[]; locale: Locale; onClose: () => void };

/**
 * Imports many Markdown, HTML, text and Word files: one request per file, so the bar moves file by file
 * and each file gets its own result; a failed file does not stop the others.
 */
export const KbImportModal = ({ clientId, categories, locale, onClose }: ImportModalProps) => {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [files, setFiles] = useState<File[]>([]);
  const [options, setOptions] = useState({
    language: locale,
    kind: 'article' as KbItemKind,
    visibility: 'internal' as KbVisibility,
    categoryId: null as string | null,
  });
  const [results, setResults] = useState<FileResult[]>([]);
  const [running, setRunning] = useState(false);
  const finished = results.filter((result) => result.state !== 'waiting').length;

  const importError = (error: unknown) => {
    if (error instanceof ProblemError && error.status === 415) return t('kb.import.unsupported');
    if (error instanceof ProblemError && error.status === 413 && error.code !== 'DOCUMENT_TOO_LONG')
      return t('kb.import.tooLarge');
    const problem = problemText(error, t);
    return problem.detail ?? problem.title;
  };

  const run = async () => {
    setRunning(true);
    const next: FileResult[] = files.map((file) => ({ name: file.name, state: 'waiting' }));
    setResults([...next]);
    for (const [index, file] of files.entries()) {
      try {
        const item = await importKbDocument(clientId, {
          filename: file.name,
          contentBase64: await readBase64(file),
          ...options,
        });
        next[index] = { name: file.name, state: 'done', title: item.title };
      } catch (error) {
        next[index] = { name: file.name, state: 'failed', error: importError(error) };
      }
      setResults([...next]);
    }
    setRunning(false);
    void queryClient.invalidateQueries({ queryKey: kbKeys.tree(clientId) });
  };

  return (
    <Modal opened onClose={running ? () => {} : onClose} title={t('kb.import.title')} size="lg" centered>
      <Stack gap="sm" data-testid="kb-import">
        <Text size="sm" c="dimmed">
          {t('kb.import.hint')}
        </Text>
        <FileInput
          label={t('kb.import.files')}
          placeholder={t('kb.import.choose')}
          multiple
          accept={accepted}
          value={files}
          onChange={(chosen) => {
            setFiles(chosen);
            setResults([]);
          }}
          disabled={running}
          clearable
          data-testid="kb-import-files"
        />
        <Group grow>
          <Select
            label={t('kb.languageLabel')}
            data={languageOptions(t)}
            value={options.language}
            onChange={(value) => setOptions({ ...options, language: (value ?? locale) as Locale })}
            allowDeselect={false}
            disabled={running}
          />
          <Select
            label={t('kb.kindLabel')}
            data={kindOptions(t)}
            value={options.kind}
            onChange={(value) => setOptions({ ...options, kind: (value ?? 'article') as KbItemKind })}
            allowDeselect={false}
            disabled={running}
          />
        </Group>
        <Group grow>
          <Select
            label={t('kb.category')}
            placeholder={t('kb.noCategory')}
            data={categoryOptions(categories, locale)}
            value={options.categoryId}
            onChange={(value) => setOptions({ ...options, categoryId: value })}
            clearable
            disabled={running}
          />
          <Select
            label={t('kb.visibilityLabel')}
            data={[
              { value: 'internal', label: t('kb.visibility.internal') },
              { value: 'public', label: t('kb.visibility.public') },
            ]}
            value={options.visibility}
            onChange={(value) => setOptions({ ...options, visibility: (value ?? 'internal') as KbVisibility })}
            allowDeselect={false}
            disabled={running}
          />
        </Group>
        {results.length > 0 && (
          <>
            <Progress
              value={(finished / results.length) * 100}
              animated={running}
              aria-label={t('kb.import.progress', {
                done: format.number(finished),
                total: format.number(results.length),
              })}
              data-testid="kb-import-progress"
            />
            <Text size="sm" data-testid="kb-import-count">
              {t('kb.import.progress', { done: format.number(finished), total: format.number(results.length) })}
            </Text>
            <Table data-testid="kb-import-results">
              <Table.Tbody>
                {results.map((result, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: two chosen files may share a name
                  <Table.Tr key={index} data-testid="kb-import-result" data-state={result.state}>
                    <Table.Td>
                      <Text size="sm" dir="auto">
                        {result.name}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge
                        color={result.state === 'done' ? 'green' : result.state === 'failed' ? 'red' : 'gray'}
                        variant="light"
                      >
                        {t(`kb.import.state.${result.state}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c={result.state === 'failed' ? 'red' : undefined} dir="auto">
                        {result.title ?? result.error ?? ''}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </>
        )}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onClose} disabled={running}>
            {t('common.close')}
          </Button>
          <Button
            onClick={() => void run()}
            loading={running}
            disabled={files.length === 0}
            data-testid="kb-import-start"
          >
            {t('kb.import.start', { count: files.length, n: format.number(files.length) })}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
};
