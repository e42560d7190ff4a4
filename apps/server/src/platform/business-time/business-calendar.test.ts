import type { SlaCalendar } from '@switchboard/contracts';
import { describe, expect, it } from 'vitest';
import { addBusinessTime, businessTimeBetween, type Pause } from './business-calendar.js';

const nineToFive = [{ from: '09:00', to: '17:00' }];
const newYork: SlaCalendar = {
  mode: 'business_hours',
  timezone: 'America/New_York',
  weekly: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive, sat: [], sun: [] },
  holidays: [{ date: '2026-07-03', name: 'Independence Day (observed)' }],
};
// Golestan: Saturday to Wednesday, 08:00–16:00 Tehran time (UTC+03:30, no DST since 2022), Nowruz off.
const eight = [{ from: '08:00', to: '16:00' }];
const tehran: SlaCalendar = {
  mode: 'business_hours',
  timezone: 'Asia/Tehran',
  weekly: { sat: eight, sun: eight, mon: eight, tue: eight, wed: eight, thu: [], fri: [] },
  holidays: ['2026-03-21', '2026-03-22', '2026-03-23', '2026-03-24'].map((date) => ({ date, name: 'Nowruz' })),
};
const always: SlaCalendar = {
  mode: 'always',
  timezone: 'UTC',
  weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
  holidays: [],
};
const split: SlaCalendar = {
  ...newYork,
  weekly: {
    ...newYork.weekly,
    mon: [
      { from: '13:00', to: '17:00' },
      { from: '08:00', to: '12:00' },
    ],
  },
};
const berlinNights: SlaCalendar = {
  mode: 'business_hours',
  timezone: 'Europe/Berlin',
  weekly: {
    mon: [],
    tue: [],
    wed: [],
    thu: [],
    fri: [],
    sat: [{ from: '00:00', to: '24:00' }],
    sun: [{ from: '00:00', to: '24:00' }],
  },
  holidays: [],
};

const d = (iso: string) => new Date(iso);
const pause = (from: string, to: string | null): Pause => ({ from: d(from), to: to ? d(to) : null });

describe('addBusinessTime', () => {
  const cases: {
    name: string;
    calendar: SlaCalendar;
    start: string;
    minutes: number;
    pauses?: Pause[];
    due: string | null;
  }[] = [
    // 24/7
    {
      name: '24/7: 15 minutes',
      calendar: always,
      start: '2026-03-14T23:50:00Z',
      minutes: 15,
      due: '2026-03-15T00:05:00.000Z',
    },
    {
      name: '24/7: zero minutes is due at once',
      calendar: always,
      start: '2026-03-14T10:00:00Z',
      minutes: 0,
      due: '2026-03-14T10:00:00.000Z',
    },
    {
      name: '24/7: a pause pushes the due time by its length',
      calendar: always,
      start: '2026-03-14T10:00:00Z',
      minutes: 60,
      pauses: [pause('2026-03-14T10:20:00Z', '2026-03-14T12:20:00Z')],
      due: '2026-03-14T13:00:00.000Z',
    },
    {
      name: '24/7: an open pause stops the clock (no due time)',
      calendar: always,
      start: '2026-03-14T10:00:00Z',
      minutes: 60,
      pauses: [pause('2026-03-14T10:20:00Z', null)],
      due: null,
    },
    {
      name: '24/7: an open pause after the due time does not matter',
      calendar: always,
      start: '2026-03-14T10:00:00Z',
      minutes: 60,
      pauses: [pause('2026-03-14T11:30:00Z', null)],
      due: '2026-03-14T11:00:00.000Z',
    },
    // Business hours, New York (EST = UTC-5 until 8 March 2026, then EDT = UTC-4)
    {
      name: 'within the day',
      calendar: newYork,
      start: '2026-02-10T14:00:00Z',
      minutes: 60,
      due: '2026-02-10T15:00:00.000Z',
    },
    {
      name: 'before opening starts at 09:00',
      calendar: newYork,
      start: '2026-02-10T11:00:00Z',
      minutes: 30,
      due: '2026-02-10T14:30:00.000Z',
    },
    {
      name: 'runs past closing into the next morning',
      calendar: newYork,
      start: '2026-02-10T21:30:00Z',
      minutes: 60,
      due: '2026-02-11T14:30:00.000Z',
    },
    {
      name: 'ends exactly at closing',
      calendar: newYork,
      start: '2026-02-10T21:00:00Z',
      minutes: 60,
      due: '2026-02-10T22:00:00.000Z',
    },
    {
      name: 'Friday evening → Monday',
      calendar: newYork,
      start: '2026-02-13T21:30:00Z',
      minutes: 60,
      due: '2026-02-16T14:30:00.000Z',
    },
    {
      name: 'written on Saturday → Monday 09:15',
      calendar: newYork,
      start: '2026-02-14T15:00:00Z',
      minutes: 15,
      due: '2026-02-16T14:15:00.000Z',
    },
    {
      name: 'three working days',
      calendar: newYork,
      start: '2026-02-10T14:00:00Z',
      minutes: 3 * 8 * 60,
      due: '2026-02-12T22:00:00.000Z',
    },
    // DST: the clocks go forward on Sunday 8 March 2026; Friday 17:00 EST is 22:00Z, Monday 09:00 EDT is 13:00Z.
    {
      name: 'DST spring forward: Friday → Monday',
      calendar: newYork,
      start: '2026-03-06T21:30:00Z',
      minutes: 60,
      due: '2026-03-09T13:30:00.000Z',
    },
    // DST back on Sunday 1 November 2026: Friday 16:30 EDT = 20:30Z; Monday 09:30 EST = 14:30Z.
    {
      name: 'DST fall back: Friday → Monday',
      calendar: newYork,
      start: '2026-10-30T20:30:00Z',
      minutes: 60,
      due: '2026-11-02T14:30:00.000Z',
    },
    // A 24-hour weekend calendar in Berlin: Sunday 29 March 2026 has only 23 hours.
    {
      name: 'DST: a 23-hour day holds 23 hours',
      calendar: berlinNights,
      start: '2026-03-28T23:00:00Z',
      minutes: 23 * 60,
      due: '2026-03-29T22:00:00.000Z',
    },
    {
      name: 'DST: the 24th hour falls on the next open day',
      calendar: berlinNights,
      start: '2026-03-28T23:00:00Z',
      minutes: 24 * 60,
      due: '2026-04-03T23:00:00.000Z',
    },
    // Holidays
    {
      name: 'a holiday is skipped',
      calendar: newYork,
      start: '2026-07-02T20:30:00Z',
      minutes: 60,
      due: '2026-07-06T13:30:00.000Z',
    },
    {
      name: 'Tehran: Wednesday afternoon → Saturday (Thursday and Friday closed)',
      calendar: tehran,
      start: '2026-02-11T12:00:00Z',
      minutes: 60,
      due: '2026-02-14T05:00:00.000Z',
    },
    {
      name: 'Tehran: Nowruz (Sat 21 – Tue 24 March) is skipped',
      calendar: tehran,
      start: '2026-03-18T12:00:00Z',
      minutes: 60,
      due: '2026-03-25T05:00:00.000Z',
    },
    // Several openings a day, listed in any order
    {
      name: 'a lunch break is not counted',
      calendar: split,
      start: '2026-02-09T16:30:00Z',
      minutes: 60,
      due: '2026-02-09T18:30:00.000Z',
    },
    // Pauses with business hours
    {
      name: 'a pause inside business hours',
      calendar: newYork,
      start: '2026-02-10T14:00:00Z',
      minutes: 120,
      pauses: [pause('2026-02-10T15:00:00Z', '2026-02-10T16:00:00Z')],
      due: '2026-02-10T17:00:00.000Z',
    },
    {
      name: 'a pause over the night costs nothing extra',
      calendar: newYork,
      start: '2026-02-10T21:00:00Z',
      minutes: 120,
      pauses: [pause('2026-02-10T23:00:00Z', '2026-02-11T13:00:00Z')],
      due: '2026-02-11T15:00:00.000Z',
    },
    {
      name: 'overlapping pauses count once',
      calendar: always,
      start: '2026-02-10T10:00:00Z',
      minutes: 60,
      pauses: [
        pause('2026-02-10T10:10:00Z', '2026-02-10T10:40:00Z'),
        pause('2026-02-10T10:30:00Z', '2026-02-10T10:50:00Z'),
      ],
      due: '2026-02-10T11:40:00.000Z',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const due = addBusinessTime(d(c.start), c.minutes, c.calendar, c.pauses ?? []);
      expect(due?.toISOString() ?? null).toBe(c.due);
    });
  }

  it('gives the same due times whatever was computed before (days are kept between calls)', () => {
    // Every half hour over a week spanning the spring DST change, in New York and Berlin, forward then
    // backward: a day kept from an earlier call must answer exactly as a fresh computation did.
    const starts = Array.from({ length: 7 * 48 }, (_, i) => new Date(Date.UTC(2026, 2, 5) + i * 1_800_000));
    const dues = (order: Date[]) =>
      new Map(
        order.flatMap((start) =>
          [newYork, berlinNights, split].map((calendar, n) => [
            `${n}/${start.toISOString()}`,
            addBusinessTime(start, 150, calendar)?.toISOString(),
          ]),
        ),
      );
    const forward = dues(starts);
    const backward = dues([...starts].reverse());
    expect(backward).toEqual(forward);
    // Spot checks against hand-worked answers: Friday 16:00 EST + 150 min = Monday 10:30 EDT (DST on Sunday).
    expect(forward.get('0/2026-03-06T21:00:00.000Z')).toBe('2026-03-09T14:30:00.000Z');
    // Berlin weekends only: Saturday 00:00 CET (23:00Z Friday) + 150 min = Saturday 02:30 CET.
    expect(forward.get('1/2026-03-06T23:00:00.000Z')).toBe('2026-03-07T01:30:00.000Z');
  });

  it('a calendar without openings never comes due', () => {
    const closed: SlaCalendar = { ...newYork, weekly: { ...always.weekly } };
    expect(addBusinessTime(d('2026-02-10T14:00:00Z'), 15, closed)).toBeNull();
  });
});

describe('businessTimeBetween', () => {
  const hours = (ms: number) => ms / 3_600_000;
  it('counts only opening hours', () => {
    expect(hours(businessTimeBetween(d('2026-02-10T14:00:00Z'), d('2026-02-11T15:00:00Z'), newYork))).toBe(9);
  });
  it('counts nothing over a weekend', () => {
    expect(businessTimeBetween(d('2026-02-13T22:00:00Z'), d('2026-02-16T14:00:00Z'), newYork)).toBe(0);
  });
  it('leaves out pauses and holidays', () => {
    const between = businessTimeBetween(d('2026-07-02T13:00:00Z'), d('2026-07-06T21:00:00Z'), newYork, [
      pause('2026-07-06T13:00:00Z', '2026-07-06T15:00:00Z'),
    ]);
    expect(hours(between)).toBe(8 + 6);
  });
  it('is the inverse of addBusinessTime across a DST change', () => {
    const start = d('2026-03-06T21:30:00Z');
    const due = addBusinessTime(start, 600, newYork)!;
    expect(businessTimeBetween(start, due, newYork)).toBe(600 * 60_000);
  });
  it('24/7 minus an open pause', () => {
    expect(
      hours(
        businessTimeBetween(d('2026-02-10T10:00:00Z'), d('2026-02-10T20:00:00Z'), always, [
          pause('2026-02-10T12:00:00Z', null),
        ]),
      ),
    ).toBe(2);
  });
});
