import type { DnsResolver } from '../src/platform/dns/index.js';

const notFound = (name: string) => Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' });

/**
 * Test support: DNS answered from a table, never from the internet. `records` maps a name to its TXT
 * records (an SPF policy, a DKIM key at `selector._domainkey.domain`, a DMARC policy at `_dmarc.domain`);
 * any other name or type does not exist. The default answers nothing, as for a domain that publishes nothing.
 */
export function localDnsResolver(records: Record<string, string[]> = {}): DnsResolver {
  return async (name, rrtype) => {
    const found = rrtype === 'TXT' ? records[name.toLowerCase()] : undefined;
    if (!found) throw notFound(name);
    return found.map((record) => [record]);
  };
}

/** A DNS server that never answers: every lookup waits forever. */
export const silentDnsResolver: DnsResolver = () => new Promise(() => {});
