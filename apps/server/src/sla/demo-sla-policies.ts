import type { SlaPolicyInput, SlaTargets } from '@switchboard/contracts';

const targets = (firstResponse: number, nextResponse: number, resolution: number): SlaTargets => ({
  firstResponse,
  nextResponse,
  resolution,
});
const hours = (from: string, to: string) => [{ from, to }];
const days = (dates: string[], name: string) => dates.map((date) => ({ date, name }));
const byDate = (holidays: { date: string; name: string }[]) => holidays.sort((a, b) => a.date.localeCompare(b.date));

/** Acme Outdoor's contract: New York business hours on weekdays, US federal holidays off. */
export const acmeSlaPolicy: SlaPolicyInput = {
  enabled: true,
  targets: {
    low: targets(4 * 60, 8 * 60, 5 * 24 * 60),
    normal: targets(60, 2 * 60, 2 * 24 * 60),
    high: targets(30, 60, 8 * 60),
    urgent: targets(15, 30, 4 * 60),
  },
  warnAtPercent: 80,
  calendar: {
    mode: 'business_hours',
    timezone: 'America/New_York',
    weekly: {
      mon: hours('08:00', '20:00'),
      tue: hours('08:00', '20:00'),
      wed: hours('08:00', '20:00'),
      thu: hours('08:00', '20:00'),
      fri: hours('08:00', '20:00'),
      sat: hours('10:00', '16:00'),
      sun: [],
    },
    holidays: byDate([
      ...days(['2026-01-01', '2027-01-01'], "New Year's Day"),
      ...days(['2026-05-25', '2027-05-31'], 'Memorial Day'),
      ...days(['2026-07-03', '2027-07-05'], 'Independence Day (observed)'),
      ...days(['2026-09-07', '2027-09-06'], 'Labor Day'),
      ...days(['2026-11-26', '2027-11-25'], 'Thanksgiving'),
      ...days(['2026-12-25', '2027-12-24'], 'Christmas Day'),
    ]),
  },
};

/** Golestan's contract (Persian week): Saturday to Wednesday in Tehran, a half day Thursday, Nowruz off. */
export const golestanSlaPolicy: SlaPolicyInput = {
  enabled: true,
  targets: {
    low: targets(8 * 60, 8 * 60, 7 * 24 * 60),
    normal: targets(2 * 60, 4 * 60, 3 * 24 * 60),
    high: targets(60, 2 * 60, 24 * 60),
    urgent: targets(30, 60, 8 * 60),
  },
  warnAtPercent: 75,
  calendar: {
    mode: 'business_hours',
    timezone: 'Asia/Tehran',
    weekly: {
      sat: hours('08:00', '17:00'),
      sun: hours('08:00', '17:00'),
      mon: hours('08:00', '17:00'),
      tue: hours('08:00', '17:00'),
      wed: hours('08:00', '17:00'),
      thu: hours('08:00', '13:00'),
      fri: [],
    },
    holidays: byDate([
      // Nowruz 1405 and 1406 (1–4 Farvardin), Islamic Republic Day (12) and Sizdah Bedar (13).
      ...days(['2026-03-21', '2026-03-22', '2026-03-23', '2026-03-24'], 'نوروز'),
      ...days(['2026-04-01'], 'روز جمهوری اسلامی'),
      ...days(['2026-04-02'], 'سیزده‌به‌در'),
      ...days(['2027-03-21', '2027-03-22', '2027-03-23', '2027-03-24'], 'نوروز'),
      ...days(['2027-04-01'], 'روز جمهوری اسلامی'),
      ...days(['2027-04-02'], 'سیزده‌به‌در'),
    ]),
  },
};
