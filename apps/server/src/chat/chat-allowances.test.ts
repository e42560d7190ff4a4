import { describe, expect, it } from 'vitest';
import { networkOf } from '../platform/network/index.js';
import { chatAllowances, defaultChatAllowances, windowCounter } from './chat-allowances.js';

describe('chat allowances', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:1:2:aaaa::1', '2001:db8:1:2::/64'],
    ['2001:DB8:1:2:ffff:ffff:ffff:ffff', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
  ])('counts %s as the network %s', (ip, network) => {
    expect(networkOf(ip)).toBe(network);
  });

  it('counts a whole IPv6 /64 as one network, so new addresses in it open no more chats', () => {
    const allowances = chatAllowances({ ...defaultChatAllowances, newChatsPerIp: 3 });
    const opened = Array.from({ length: 5 }, (_, i) => allowances.newChat(`2001:db8:7:7::${i + 1}`, 'inbox-1'));
    expect(opened).toEqual([true, true, true, false, false]);
    expect(allowances.newChat('2001:db8:7:8::1', 'inbox-1')).toBe(true);
  });

  it('opens a new window after the old one, and keeps its memory bounded under a flood of keys', () => {
    let now = 0;
    const counter = windowCounter(2, 1000, () => now);
    counter.take('a');
    counter.take('a');
    expect(counter.room('a')).toBe(0);
    now = 1000;
    expect(counter.room('a')).toBe(2);
    for (let i = 0; i < 60_000; i++) counter.take(`flood-${i}`);
    // A key taken just now is kept; the map never grew past its bound (the oldest keys went first).
    expect(counter.room('flood-59999')).toBe(1);
    expect(counter.room('flood-0')).toBe(2);
  });
});
