import { Accordion, Container, Group, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import type { Locale } from '@switchboard/contracts';
import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getHelpPage, kbKeys, searchHelp } from './kb-api';

const languageNames: Record<Locale, string> = { en: 'English', fa: 'فارسی' };

/** `/help/<client-slug>`: a client's public answers, searchable, in the client's languages. No sign-in. */
export const HelpPage = () => {
  const { slug } = useParams({ strict: false }) as { slug: string };
  const { t } = useTranslation();
  const page = useQuery({ queryKey: kbKeys.help(slug), queryFn: ({ signal }) => getHelpPage(slug, signal) });
  // Links sent to customers (an escalation's help articles) open on an article: `?lang=fa&q=<title>`.
  const [linked] = useState(() => new URLSearchParams(window.location.search));
  const [language, setLanguage] = useState<Locale | null>(() => {
    const lang = linked.get('lang');
    return lang === 'en' || lang === 'fa' ? lang : null;
  });
  const [q, setQ] = useState(() => linked.get('q')?.slice(0, 300) ?? '');
  const [debounced, setDebounced] = useState(() => linked.get('q')?.slice(0, 300).trim() ?? '');
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(q.trim()), 250);
    return () => clearTimeout(timer);
  }, [q]);
  const current = language ?? page.data?.defaultLanguage ?? 'en';
  const articles = useQuery({
    queryKey: kbKeys.helpArticles(slug, current, debounced),
    queryFn: ({ signal }) => searchHelp(slug, current, debounced, signal),
    enabled: page.isSuccess,
  });
  const dir = current === 'fa' ? 'rtl' : 'ltr';

  if (page.isError) {
    return (
      <Container py="xl">
        <Text>{t('help.notFound')}</Text>
      </Container>
    );
  }
  return (
    <Container size="md" py="xl" dir={dir} lang={current}>
      <Stack gap="md">
        <Group justify="space-between">
          <Title order={2} data-testid="help-title">
            {page.data?.clientName}
          </Title>
          {(page.data?.languages.length ?? 0) > 1 && (
            <SegmentedControl
              value={current}
              onChange={(value) => setLanguage(value as Locale)}
              data={(page.data?.languages ?? []).map((l) => ({ value: l, label: languageNames[l] }))}
              data-testid="help-language"
            />
          )}
        </Group>
        <TextInput
          size="md"
          placeholder={current === 'fa' ? 'جستجو در پاسخ‌ها…' : 'Search our answers…'}
          value={q}
          onChange={(event) => setQ(event.currentTarget.value)}
          data-testid="help-search"
        />
        {articles.data?.length === 0 && (
          <Text c="dimmed">{current === 'fa' ? 'پاسخی پیدا نشد.' : 'No answers found.'}</Text>
        )}
        <Accordion variant="separated" data-testid="help-articles">
          {(articles.data ?? []).map((article) => (
            <Accordion.Item key={article.id} value={article.id} data-testid="help-article">
              <Accordion.Control>{article.title}</Accordion.Control>
              <Accordion.Panel>
                {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised server-side (allow-list) */}
                <div className="message-html" dangerouslySetInnerHTML={{ __html: article.bodyHtml }} />
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      </Stack>
    </Container>
  );
};
