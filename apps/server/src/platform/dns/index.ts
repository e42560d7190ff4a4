export { createDnsResolver, type DnsResolver } from './create-dns-resolver.js';
