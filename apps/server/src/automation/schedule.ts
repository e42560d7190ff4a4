import type { ScheduleWindow } from '@switchboard/contracts';

const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The weekday (0 = Sunday) and "HH:MM" of an instant on the wall clock of a time zone. */
export function localClock(at: Date, timeZone: string): { day: number; time: string } {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((part) => [part.type, part.value]));
  return { day: weekdays.indexOf(parts.weekday ?? ''), time: `${parts.hour}:${parts.minute}` };
}

/**
 * Whether an instant falls inside any weekly window, read on the client's own wall clock (so a
 * daylight-saving change moves the windows with the client). `to` is exclusive; "24:00" is the day's end.
 */
export function isInsideSchedule(windows: readonly ScheduleWindow[], at: Date, timeZone: string): boolean {
  const { day, time } = localClock(at, timeZone);
  return windows.some((window) => window.days.includes(day) && time >= window.from && time < window.to);
}

/** A time zone the runtime knows; clients store IANA names, but a typo must not break every rule. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}
