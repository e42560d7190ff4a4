import { promises as dns } from 'node:dns';

/**
 * A DNS lookup as mailauth asks for it: a name and a record type (TXT, A, AAAA, MX, PTR), answered with
 * the records (TXT ones as their strings), or rejected with node's codes (ENOTFOUND, ENODATA, ETIMEOUT, …).
 * The seam tests use to answer from a table instead of the internet.
 */
export type DnsResolver = (name: string, rrtype: string) => Promise<string[][] | string[]>;

/**
 * Production's resolver: node's own (c-ares), with short per-query timeouts, asking `servers` (ip or ip:port,
 * e.g. a local caching resolver) when given, else the system's.
 */
export function createDnsResolver(options: { servers?: string[] } = {}): DnsResolver {
  const resolver = new dns.Resolver({ timeout: 2000, tries: 2 });
  if (options.servers?.length) resolver.setServers(options.servers);
  return (name, rrtype) => resolver.resolve(name, rrtype) as Promise<string[][] | string[]>;
}
