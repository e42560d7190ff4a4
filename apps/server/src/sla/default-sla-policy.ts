import type { SlaPolicyInput, SlaTargets } from '@switchboard/contracts';

const targets = (firstResponse: number, nextResponse: number, resolution: number): SlaTargets => ({
  firstResponse,
  nextResponse,
  resolution,
});

/** What the admin page offers before a client's contract is entered: common helpdesk targets, office hours. */
export function defaultSlaPolicy(timezone: string): SlaPolicyInput {
  const office = [{ from: '09:00', to: '17:00' }];
  return {
    enabled: true,
    targets: {
      low: targets(8 * 60, 8 * 60, 5 * 24 * 60),
      normal: targets(4 * 60, 4 * 60, 3 * 24 * 60),
      high: targets(60, 2 * 60, 24 * 60),
      urgent: targets(15, 30, 4 * 60),
    },
    warnAtPercent: 80,
    calendar: {
      mode: 'business_hours',
      timezone,
      weekly: { mon: office, tue: office, wed: office, thu: office, fri: office, sat: [], sun: [] },
      holidays: [],
    },
  };
}
