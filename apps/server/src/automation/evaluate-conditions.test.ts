import type { RuleCondition } from '@switchboard/contracts';
import { describe, expect, it } from 'vitest';
import { type ConversationFacts, containsWord, matchesConditions } from './evaluate-conditions.js';
import { isInsideSchedule, localClock } from './schedule.js';

const facts = (overrides: Partial<ConversationFacts> = {}): ConversationFacts => ({
  clientId: '00000000-0000-4000-8000-000000000001',
  channel: 'email',
  priority: 'normal',
  tier: 1,
  tags: ['billing'],
  flags: [],
  assigneeId: null,
  createdAt: new Date('2026-03-02T08:00:00Z'),
  timeZone: 'Asia/Tehran',
  customer: { name: 'Maryam Ahmadi', email: 'maryam@example.ir' },
  text: 'Order 1042\nMy order has not arrived',
  now: new Date('2026-03-02T08:30:00Z'),
  ...overrides,
});

const weekdays9to17 = [{ days: [1, 2, 3, 4, 5], from: '09:00', to: '17:00' }];
// Iran's working week: Saturday to Wednesday, Thursday mornings.
const tehranWeek = [
  { days: [6, 0, 1, 2, 3], from: '08:00', to: '16:00' },
  { days: [4], from: '08:00', to: '12:00' },
];

describe('rule conditions', () => {
  const cases: [string, RuleCondition[], Partial<ConversationFacts>, boolean][] = [
    ['no conditions always hold', [], {}, true],
    ['channel is', [{ type: 'channel', op: 'is', values: ['email', 'chat'] }], {}, true],
    ['channel is not', [{ type: 'channel', op: 'is_not', values: ['email'] }], {}, false],
    ['priority is', [{ type: 'priority', op: 'is', values: ['urgent'] }], { priority: 'urgent' }, true],
    ['tier is not', [{ type: 'tier', op: 'is_not', values: [2, 3] }], {}, true],
    ['client is not', [{ type: 'client', op: 'is_not', values: ['00000000-0000-4000-8000-000000000001'] }], {}, false],
    ['tags has any (case folded)', [{ type: 'tags', op: 'has_any', values: ['BILLING', 'vip'] }], {}, true],
    ['tags has none', [{ type: 'tags', op: 'has_none', values: ['billing'] }], {}, false],
    ['flags has any', [{ type: 'flags', op: 'has_any', values: ['emergency'] }], { flags: ['emergency'] }, true],
    [
      'English word',
      [{ type: 'words', op: 'contains_any', values: ['urgent'] }],
      { text: 'URGENT: pump broken!' },
      true,
    ],
    [
      'a word inside another word does not count',
      [{ type: 'words', op: 'contains_any', values: ['urgent'] }],
      { text: 'insurgent' },
      false,
    ],
    [
      'a phrase',
      [{ type: 'words', op: 'contains_any', values: ['money back'] }],
      { text: 'I want my Money  Back now' },
      true,
    ],
    ['subject counts', [{ type: 'words', op: 'contains_any', values: ['order'] }], {}, true],
    ['contains none', [{ type: 'words', op: 'contains_none', values: ['refund'] }], {}, true],
    ['Persian word', [{ type: 'words', op: 'contains_any', values: ['فوری'] }], { text: 'لطفا فوری پاسخ دهید' }, true],
    // "فوریه" (February) is not "فوری" (urgent).
    [
      'Persian word inside another',
      [{ type: 'words', op: 'contains_any', values: ['فوری'] }],
      { text: 'سفارش ۱۲ فوریه' },
      false,
    ],
    // Arabic letter forms (ي ك) and a zero-width non-joiner fold to the Persian word.
    [
      'Arabic letter forms fold',
      [{ type: 'words', op: 'contains_any', values: ['شکایت'] }],
      { text: 'شكايت دارم' },
      true,
    ],
    [
      'ZWNJ splits an affix',
      [{ type: 'words', op: 'contains_any', values: ['شکایت'] }],
      { text: 'شکایت‌ها رسیدگی نشد' },
      true,
    ],
    [
      'Persian digits match ASCII',
      [{ type: 'words', op: 'contains_any', values: ['1042'] }],
      { text: 'سفارش ۱۰۴۲' },
      true,
    ],
    ['customer e-mail', [{ type: 'customer', op: 'email_is', values: ['MARYAM@example.ir'] }], {}, true],
    ['customer domain', [{ type: 'customer', op: 'email_domain_is', values: ['@example.ir'] }], {}, true],
    ['customer domain differs', [{ type: 'customer', op: 'email_domain_is', values: ['example.com'] }], {}, false],
    ['customer name contains', [{ type: 'customer', op: 'name_contains', values: ['ahmadi'] }], {}, true],
    ['unassigned', [{ type: 'assignee', op: 'unassigned' }], {}, true],
    ['assigned', [{ type: 'assignee', op: 'assigned' }], {}, false],
    ['older than 20 minutes', [{ type: 'age', op: 'older_than', minutes: 20 }], {}, true],
    ['younger than 20 minutes', [{ type: 'age', op: 'younger_than', minutes: 20 }], {}, false],
    [
      'all must hold',
      [
        { type: 'channel', op: 'is', values: ['email'] },
        { type: 'words', op: 'contains_any', values: ['urgent'] },
      ],
      {},
      false,
    ],
    // 08:30 UTC on Monday 2 March is 12:00 in Tehran (UTC+3:30): inside Tehran office hours.
    [
      'inside the schedule in the client time zone',
      [{ type: 'schedule', op: 'inside', windows: tehranWeek }],
      {},
      true,
    ],
    // The same instant is 03:30 in New York: outside its office hours.
    [
      'outside the schedule in another time zone',
      [{ type: 'schedule', op: 'outside', windows: weekdays9to17 }],
      { timeZone: 'America/New_York' },
      true,
    ],
    // A broken time zone name falls back to UTC rather than throwing: 08:30 UTC is before 09:00.
    [
      'unknown time zone reads UTC',
      [{ type: 'schedule', op: 'inside', windows: weekdays9to17 }],
      { timeZone: 'Mars/Olympus' },
      false,
    ],
  ];

  it.each(cases)('%s', (_name, conditions, overrides, expected) => {
    expect(matchesConditions(conditions, facts(overrides))).toBe(expected);
  });
});

describe('weekly schedules in a time zone', () => {
  const cases: [string, string, string, boolean][] = [
    // Friday is the Iranian weekend; Thursday only until noon.
    ['Friday 10:00 Tehran', '2026-03-06T06:30:00Z', 'Asia/Tehran', false],
    ['Thursday 11:59 Tehran', '2026-03-05T08:29:00Z', 'Asia/Tehran', true],
    ['Thursday 12:00 Tehran (end is exclusive)', '2026-03-05T08:30:00Z', 'Asia/Tehran', false],
    ['Saturday 08:00 Tehran', '2026-03-07T04:30:00Z', 'Asia/Tehran', true],
  ];
  it.each(cases)('%s', (_name, at, zone, expected) => {
    expect(isInsideSchedule(tehranWeek, new Date(at), zone)).toBe(expected);
  });

  it('follows a daylight-saving change on the client’s wall clock', () => {
    // New York moves to EDT on 8 March 2026: 13:30 UTC is 08:30 before the change and 09:30 after.
    expect(localClock(new Date('2026-03-06T13:30:00Z'), 'America/New_York')).toEqual({ day: 5, time: '08:30' });
    expect(localClock(new Date('2026-03-09T13:30:00Z'), 'America/New_York')).toEqual({ day: 1, time: '09:30' });
    expect(isInsideSchedule(weekdays9to17, new Date('2026-03-06T13:30:00Z'), 'America/New_York')).toBe(false);
    expect(isInsideSchedule(weekdays9to17, new Date('2026-03-09T13:30:00Z'), 'America/New_York')).toBe(true);
  });

  it('a window to 24:00 covers the last minute of the day', () => {
    const lateWindow = [{ days: [1], from: '18:00', to: '24:00' }];
    expect(isInsideSchedule(lateWindow, new Date('2026-03-02T23:59:00Z'), 'UTC')).toBe(true);
    expect(isInsideSchedule(lateWindow, new Date('2026-03-03T00:00:00Z'), 'UTC')).toBe(false);
  });
});

describe('whole words', () => {
  it('matches at the edges of the text and around punctuation', () => {
    expect(containsWord('urgent', 'urgent')).toBe(true);
    expect(containsWord('(urgent)', 'urgent')).toBe(true);
    expect(containsWord('urgently', 'urgent')).toBe(false);
    expect(containsWord('a+b', 'a+b')).toBe(true);
    expect(containsWord('anything', '')).toBe(false);
  });
});
