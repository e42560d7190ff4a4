import { Button, Kbd, NavLink, Popover, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import type { Macro } from '@switchboard/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../api/query-keys';
import { IconSearch } from '../ui/icons';
import { notifyError, notifySuccess } from '../ui/notify-error';
import { applyMacro, automationKeys, listConversationMacros } from './automation-api';
import { IconWand } from './automation-icons';

/** Typing in a field must never open the palette. */
const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

type MacroPaletteProps = { conversationId: string; onDraft: (draft: string) => void };

/**
 * The desk's macros: a button beside the reply tabs, and the `m` key, open a searchable list;
 * Enter or a click applies the macro — its actions at once, its reply into the reply box.
 */
export const MacroPalette = ({ conversationId, onDraft }: MacroPaletteProps) => {
  const { t } = useTranslation('automation');
  const queryClient = useQueryClient();
  const [opened, setOpened] = useState(false);
  const [search, setSearch] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const macros = useQuery({
    queryKey: automationKeys.conversationMacros(conversationId),
    queryFn: ({ signal }) => listConversationMacros(conversationId, signal),
    staleTime: 60_000,
  });
  const apply = useMutation({
    mutationFn: (macro: Macro) => applyMacro(conversationId, macro.id),
    onSuccess: (result, macro) => {
      setOpened(false);
      if (result.draft) onDraft(result.draft);
      notifySuccess(t('macros.applied', { name: macro.name }));
      void queryClient.invalidateQueries({ queryKey: queryKeys.conversation(conversationId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.conversationLists });
    },
    onError: notifyError,
  });

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'm' || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      if (document.querySelector('[role="dialog"][aria-modal="true"]')) return;
      event.preventDefault();
      setOpened(true);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  const needle = search.trim().toLowerCase();
  const shown = (macros.data ?? []).filter((macro) => macro.name.toLowerCase().includes(needle));

  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      position="top-end"
      width={320}
      shadow="md"
      trapFocus
      onOpen={() => {
        setSearch('');
        setActive(0);
      }}
    >
      <Popover.Target>
        <Button
          size="compact-xs"
          variant="subtle"
          leftSection={<IconWand size={14} />}
          rightSection={<Kbd size="xs">m</Kbd>}
          onClick={() => setOpened((open) => !open)}
          ms="auto"
          my={6}
          data-testid="macros-button"
        >
          {t('macros.button')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown p={6}>
        <Stack gap={4} data-testid="macro-palette">
          <TextInput
            ref={input}
            size="xs"
            data-autofocus
            leftSection={<IconSearch size={14} />}
            placeholder={t('macros.search')}
            aria-label={t('macros.search')}
            value={search}
            onChange={(event) => {
              setSearch(event.currentTarget.value);
              setActive(0);
            }}
            onKeyDown={(event) => {
              if (event.key === 'ArrowDown') {
                event.preventDefault();
                setActive((index) => Math.min(shown.length - 1, index + 1));
              } else if (event.key === 'ArrowUp') {
                event.preventDefault();
                setActive((index) => Math.max(0, index - 1));
              } else if (event.key === 'Enter' && shown[active]) {
                event.preventDefault();
                apply.mutate(shown[active]);
              }
            }}
            data-testid="macro-search"
          />
          <ScrollArea.Autosize mah={260}>
            {shown.length === 0 ? (
              <Text size="xs" c="dimmed" p="xs">
                {t('macros.none')}
              </Text>
            ) : (
              shown.map((macro, index) => (
                <NavLink
                  key={macro.id}
                  active={index === active}
                  label={<bdi>{macro.name}</bdi>}
                  description={macro.clientId === null ? t('macros.agencyWide') : undefined}
                  onMouseEnter={() => setActive(index)}
                  onClick={() => apply.mutate(macro)}
                  disabled={apply.isPending}
                  data-testid="macro-option"
                  py={4}
                />
              ))
            )}
          </ScrollArea.Autosize>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
};
