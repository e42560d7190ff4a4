import { z } from 'zod';
import { Id, Priority } from './common.js';

/** The three promises of a contract: answer the first message, answer every later one, resolve. */
export const SlaMetric = z.enum(['first_response', 'next_response', 'resolution']);
export type SlaMetric = z.infer<typeof SlaMetric>;

export const Weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
export type Weekday = z.infer<typeof Weekday>;
export const weekdays = Weekday.options;

const Clock = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:MM, 00:00 to 24:00');
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** One opening of a day, in the calendar's local time: `{ from: '09:00', to: '17:30' }`. */
export const OpeningHours = z
  .strictObject({ from: Clock, to: Clock })
  .refine((h) => minutesOf(h.to) > minutesOf(h.from), { message: 'closes before it opens', path: ['to'] });
export type OpeningHours = z.infer<typeof OpeningHours>;

const isTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};
export const TimeZone = z.string().trim().min(1).max(64).refine(isTimeZone, 'not an IANA time zone');

const IsoDate = z.iso.date();

/** Days the business is closed all day (public holidays), in the calendar's own dates. */
export const Holiday = z.strictObject({ date: IsoDate, name: z.string().trim().max(80).default('') });
export type Holiday = z.infer<typeof Holiday>;

const DayHours = z.array(OpeningHours).max(4);

/**
 * When the SLA clock runs. `always`: 24/7/365. `business_hours`: only in the weekly openings, never on
 * holidays; all in the client's IANA time zone, so daylight-saving changes fall where the client lives.
 */
export const SlaCalendar = z
  .strictObject({
    mode: z.enum(['always', 'business_hours']),
    timezone: TimeZone,
    weekly: z.strictObject({
      mon: DayHours,
      tue: DayHours,
      wed: DayHours,
      thu: DayHours,
      fri: DayHours,
      sat: DayHours,
      sun: DayHours,
    }),
    holidays: z.array(Holiday).max(400),
  })
  .superRefine((calendar, ctx) => {
    if (calendar.mode !== 'business_hours') return;
    if (weekdays.every((day) => calendar.weekly[day].length === 0))
      ctx.addIssue({ code: 'custom', message: 'business hours need at least one opening', path: ['weekly'] });
    for (const day of weekdays) {
      const hours = [...calendar.weekly[day]].sort((a, b) => minutesOf(a.from) - minutesOf(b.from));
      hours.slice(1).forEach((h, i) => {
        if (minutesOf(h.from) < minutesOf(hours[i]!.to))
          ctx.addIssue({ code: 'custom', message: 'openings overlap', path: ['weekly', day] });
      });
    }
  });
export type SlaCalendar = z.infer<typeof SlaCalendar>;

/** Minutes of calendar time; null: no promise for that metric. */
const TargetMinutes = z
  .number()
  .int()
  .min(1)
  .max(60 * 24 * 365)
  .nullable();
export const SlaTargets = z.strictObject({
  firstResponse: TargetMinutes,
  nextResponse: TargetMinutes,
  resolution: TargetMinutes,
});
export type SlaTargets = z.infer<typeof SlaTargets>;

export const SlaPolicyInput = z.strictObject({
  /** Off: conversations of the client carry no due times. */
  enabled: z.boolean(),
  targets: z.strictObject({ low: SlaTargets, normal: SlaTargets, high: SlaTargets, urgent: SlaTargets }),
  /** Warn the assignee and supervisors when this share of a target has run. */
  warnAtPercent: z.number().int().min(10).max(99),
  calendar: SlaCalendar,
});
export type SlaPolicyInput = z.infer<typeof SlaPolicyInput>;

export const SlaPolicy = SlaPolicyInput.extend({
  clientId: Id,
  /** False until an admin saves one: the values shown are the suggested defaults. */
  saved: z.boolean(),
  updatedAt: z.string().nullable(),
});
export type SlaPolicy = z.infer<typeof SlaPolicy>;

/** The earliest target a conversation still owes, for the desk's countdown. */
export const ConversationSlaSummary = z.object({
  metric: SlaMetric,
  /** Null while the clock is paused (waiting on the customer). */
  dueAt: z.string().nullable(),
  warnAt: z.string().nullable(),
  paused: z.boolean(),
});
export type ConversationSlaSummary = z.infer<typeof ConversationSlaSummary>;

/** Every target of one conversation, for its pane. */
export const ConversationSlaTarget = z.object({
  metric: SlaMetric,
  minutes: z.number().int(),
  startedAt: z.string(),
  dueAt: z.string().nullable(),
  warnAt: z.string().nullable(),
  metAt: z.string().nullable(),
  paused: z.boolean(),
  breached: z.boolean(),
});
export type ConversationSlaTarget = z.infer<typeof ConversationSlaTarget>;

export const SlaEventKind = z.enum(['warning', 'breach']);
export type SlaEventKind = z.infer<typeof SlaEventKind>;

export const priorities = Priority.options;
