import { Badge, Popover, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { type Message, SenderAuthentication } from '@switchboard/contracts';
import { useTranslation } from 'react-i18next';
import { isolate } from './isolate';

/** What the server found about who really sent an incoming e-mail (SPF, DKIM, DMARC), kept on its desk message. */
export const senderAuthOf = (message: Pick<Message, 'kind' | 'activity'>): SenderAuthentication | null =>
  message.kind === 'incoming' ? (SenderAuthentication.safeParse(message.activity?.senderAuth).data ?? null) : null;

const knownResults = new Set(['pass', 'fail', 'softfail', 'neutral', 'none', 'temperror', 'permerror', 'policy']);

/**
 * "Sender not verified" on a message whose From domain did not vouch for it (DMARC failed, or without DMARC:
 * SPF failed and no DKIM signature was valid). A button, so the details open by click, keyboard and touch alike.
 */
export const SenderAuthBadge = ({ auth }: { auth: SenderAuthentication }) => {
  const { t } = useTranslation('email');
  if (auth.verdict !== 'not_verified') return null;
  const result = (value: string) => t(`senderAuth.result.${knownResults.has(value) ? value : 'other'}`, { value });
  const domain = (value: string | null) => (value ? ` · ${isolate(value)}` : '');
  const rows = [
    {
      check: 'SPF',
      outcome: auth.spfChecked ? `${result(auth.spf)}${domain(auth.spfDomain)}` : t('senderAuth.spfNotChecked'),
    },
    { check: 'DKIM', outcome: `${result(auth.dkim)}${domain(auth.dkimDomain)}` },
    {
      check: 'DMARC',
      outcome: `${result(auth.dmarc)}${domain(auth.dmarcDomain)}${
        auth.dmarcPolicy ? ` · ${t('senderAuth.policy', { policy: isolate(auth.dmarcPolicy) })}` : ''
      }`,
    },
  ];
  return (
    <Popover position="bottom-start" width={320} shadow="md" withArrow withinPortal>
      <Popover.Target>
        <UnstyledButton aria-label={t('senderAuth.label')} data-testid="sender-auth-badge">
          <Badge size="xs" color="red.8" variant="filled" style={{ cursor: 'pointer' }}>
            {t('senderAuth.badge')}
          </Badge>
        </UnstyledButton>
      </Popover.Target>
      <Popover.Dropdown data-testid="sender-auth-details">
        <Stack gap={6}>
          <Text size="sm">
            {auth.dmarcDomain
              ? t('senderAuth.explainDomain', { domain: isolate(auth.dmarcDomain) })
              : t('senderAuth.explain')}
          </Text>
          <Table withRowBorders={false} verticalSpacing={2} horizontalSpacing={6} fz="xs">
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.check}>
                  <Table.Th scope="row" w={56}>
                    {row.check}
                  </Table.Th>
                  <Table.Td data-testid={`sender-auth-${row.check.toLowerCase()}`}>{row.outcome}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Text size="xs" c="dimmed">
            {t('senderAuth.advice')}
          </Text>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
};
