import { Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { SenderAuthentication } from '@switchboard/contracts';
// mailauth's own entry also loads its BIMI module, whose HTTP client (undici 8) does not load on Node 20,
// which Switchboard supports; these three modules are the whole of what is used here.
import { dkimVerify } from 'mailauth/lib/dkim/verify.js';
import { evaluateDmarc } from 'mailauth/lib/dmarc/index.js';
import { spf } from 'mailauth/lib/spf/index.js';
import type { DnsResolver } from '../platform/dns/index.js';

/** How long the whole check may take by default: past it whatever did not answer is `temperror`. */
export const senderCheckTimeoutMs = 5_000;

export type SenderCheckDeps = { dns: DnsResolver; senderCheckTimeoutMs?: number };

/** The SMTP session's envelope: only with it can SPF be checked (IMAP and the webhook have none). */
export type SmtpEnvelope = { remoteAddress: string; helo: string; mailFrom: string };

const timedOut = () => Object.assign(new Error('DNS lookup timed out'), { code: 'ETIMEOUT' });

/**
 * SPF (by SMTP only), DKIM and DMARC of one incoming e-mail. Never throws and never takes longer than the
 * timeout: every DNS lookup still open at the deadline fails as a timeout, which mailauth reports as
 * `temperror`, so a slow or silent DNS delays a message by at most that long and never loses it.
 */
export async function checkSenderAuthentication(
  deps: SenderCheckDeps,
  input: { raw: Buffer; smtp: SmtpEnvelope | null },
): Promise<SenderAuthentication> {
  const timeoutMs = deps.senderCheckTimeoutMs ?? senderCheckTimeoutMs;
  const deadline = Date.now() + timeoutMs;
  const resolver: DnsResolver = (name, rrtype) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(timedOut()), Math.max(deadline - Date.now(), 0));
      deps.dns(name, rrtype).then(
        (answer) => {
          clearTimeout(timer);
          resolve(answer);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  let guard: NodeJS.Timeout | undefined;
  // The lookups are bounded above; this also bounds mailauth's own work, whatever it waits on.
  const late = new Promise<SenderAuthentication>((resolve) => {
    guard = setTimeout(() => resolve(unanswered(input.smtp)), timeoutMs + 500);
  });
  try {
    return await Promise.race([check(resolver, input).catch(() => unanswered(input.smtp)), late]);
  } finally {
    clearTimeout(guard);
  }
}

async function check(resolver: DnsResolver, input: { raw: Buffer; smtp: SmtpEnvelope | null }) {
  const { smtp } = input;
  const [dkim, spfResult] = await Promise.all([
    dkimVerify(Readable.from(inSlices(input.raw)), { resolver }),
    smtp
      ? spf({
          ip: smtp.remoteAddress,
          helo: smtp.helo,
          sender: smtp.mailFrom,
          mta: 'switchboard',
          resolver,
        })
      : null,
  ]);
  const passing = dkim.results.filter((r) => r.status.result === 'pass' && r.signingDomain);
  const dmarc = await evaluateDmarc({
    headerFrom: dkim.headerFrom,
    fromFields: dkim.fromFields,
    spfDomains: spfResult?.status.result === 'pass' && spfResult.domain ? [spfResult.domain] : [],
    dkimDomains: passing.map((r) => ({
      id: r.id,
      domain: r.signingDomain!,
      aligned: r.status.aligned,
      underSized: r.status.underSized,
    })),
    resolver,
  });
  // The signature that speaks for the message: an aligned valid one, else any valid one, else the first.
  const signature =
    passing.find((r) => dmarc.dkimAligned?.has((r.signingDomain ?? '').toLowerCase())) ?? passing[0] ?? dkim.results[0];
  const response = dmarc.response || null;
  const result = {
    spf: spfResult?.status.result ?? 'none',
    spfChecked: spfResult !== null,
    spfDomain: spfResult?.domain ?? null,
    dkim: signature?.status.result ?? 'none',
    dkimDomain: signature?.signingDomain ?? null,
    // No single author domain (no From, or several): DMARC cannot be evaluated (RFC 9989 5.3.1).
    dmarc: response?.status.result ?? (dmarc.reason ? 'permerror' : 'none'),
    dmarcDomain: response?.status.header?.from ?? null,
    dmarcPolicy: response?.policy ?? null,
  };
  return { ...result, verdict: verdictOf(result) };
}

/**
 * `not_verified` when the From domain's DMARC fails, or, for a domain without DMARC, when SPF fails and no
 * DKIM signature is valid; `verified` when DMARC passes; otherwise (no policy to judge by, a lookup that did
 * not answer) `unknown`.
 */
function verdictOf(result: Omit<SenderAuthentication, 'verdict'>): SenderAuthentication['verdict'] {
  if (result.dmarc === 'fail') return 'not_verified';
  if (result.dmarc === 'pass') return 'verified';
  if (result.dmarc === 'none' && result.spf === 'fail' && result.dkim !== 'pass') return 'not_verified';
  return 'unknown';
}

/**
 * The message to the DKIM verifier a slice at a time, each on a turn of the event loop of its own: given a
 * 20 MB message whole, hashing it held the loop ~200 ms.
 */
async function* inSlices(raw: Buffer) {
  const slice = 64 * 1024;
  for (let at = 0; at < raw.length; at += slice) {
    yield raw.subarray(at, at + slice);
    await nextTurn();
  }
}

const unanswered = (smtp: SmtpEnvelope | null): SenderAuthentication => ({
  spf: smtp ? 'temperror' : 'none',
  spfChecked: smtp !== null,
  spfDomain: null,
  dkim: 'temperror',
  dkimDomain: null,
  dmarc: 'temperror',
  dmarcDomain: null,
  dmarcPolicy: null,
  verdict: 'unknown',
});
