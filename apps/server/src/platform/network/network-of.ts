import { isIPv6 } from 'node:net';

/**
 * The network a remote address is counted by in per-address limits: an IPv4 address (also when IPv4-mapped),
 * or an IPv6 /64, which one host usually holds whole. An IPv6 address with an IPv4 tail (NAT64) stays as it is.
 */
export function networkOf(ip: string): string {
  const bare = ip
    .split('%')[0]!
    .toLowerCase()
    .replace(/^::ffff:(?=\d+\.)/, '');
  if (!isIPv6(bare) || bare.includes('.')) return bare;
  const [head = '', tail] = bare.split('::');
  const groups = head ? head.split(':') : [];
  if (tail !== undefined) {
    const after = tail ? tail.split(':') : [];
    groups.push(...Array<string>(8 - groups.length - after.length).fill('0'), ...after);
  }
  return `${groups
    .slice(0, 4)
    .map((group) => Number.parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}
