import { type SlaCalendar, weekdays } from '@switchboard/contracts';
import { DateTime } from 'luxon';

/** A stretch of time the clock stands still (waiting on the customer); `to: null` = still paused. */
export type Pause = { from: Date; to: Date | null };

/** Half-open [start, end) in epoch milliseconds; end may be Infinity. */
type Span = { start: number; end: number };

/** How far ahead a target may fall: a calendar with a few hours a year still finds its due time. */
const HORIZON_DAYS = 3 * 366;

/**
 * The instant `minutes` of calendar time after `start`: only time inside the calendar's openings
 * counts, never holidays or pauses. Null when the clock is paused before the time runs out (an open
 * pause), or when the calendar has no openings within three years.
 */
export function addBusinessTime(
  start: Date,
  minutes: number,
  calendar: SlaCalendar,
  pauses: Pause[] = [],
): Date | null {
  let remaining = Math.round(minutes * 60_000);
  for (const span of runningSpans(calendar, start.getTime(), pauses)) {
    const length = span.end - span.start;
    if (remaining <= length) return new Date(span.start + remaining);
    remaining -= length;
  }
  return null;
}

/** Milliseconds of calendar time between two instants, pauses left out. */
export function businessTimeBetween(from: Date, to: Date, calendar: SlaCalendar, pauses: Pause[] = []): number {
  const end = to.getTime();
  let total = 0;
  for (const span of runningSpans(calendar, from.getTime(), pauses)) {
    if (span.start >= end) break;
    total += Math.min(span.end, end) - span.start;
  }
  return total;
}

/** Openings from `from` on with the pauses cut out, in order. */
function* runningSpans(calendar: SlaCalendar, from: number, pauses: Pause[]): Generator<Span> {
  const cuts = mergePauses(pauses);
  let next = 0;
  for (const opening of openings(calendar, from)) {
    let cursor = opening.start;
    while (next < cuts.length && cuts[next]!.end <= cursor) next++;
    for (let i = next; i < cuts.length && cuts[i]!.start < opening.end; i++) {
      const cut = cuts[i]!;
      if (cut.start > cursor) yield { start: cursor, end: cut.start };
      cursor = Math.max(cursor, cut.end);
      if (cursor >= opening.end) break;
    }
    if (cursor === Number.POSITIVE_INFINITY) return; // an open pause: nothing runs after it
    if (cursor < opening.end) yield { start: cursor, end: opening.end };
  }
}

function mergePauses(pauses: Pause[]): Span[] {
  const spans = pauses
    .map((p) => ({ start: p.from.getTime(), end: p.to ? p.to.getTime() : Number.POSITIVE_INFINITY }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const span of spans) {
    const last = merged.at(-1);
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

/**
 * The calendar's openings from `from` on. Each local day's wall-clock hours are turned into instants in
 * the calendar's zone, so a day with a daylight-saving change is 23 or 25 hours long and an opening
 * that spans the change is an hour shorter or longer, as the clock on the client's wall says.
 */
function* openings(calendar: SlaCalendar, from: number): Generator<Span> {
  if (calendar.mode === 'always') {
    yield { start: from, end: Number.POSITIVE_INFINITY };
    return;
  }
  const holidays = new Set(calendar.holidays.map((h) => h.date));
  let day = localDayAt(calendar.timezone, from);
  for (let i = 0; i < HORIZON_DAYS; i++, day = nextDay(day)) {
    if (holidays.has(day.date)) continue;
    const hours = calendar.weekly[weekdays[day.weekday - 1]!];
    for (const h of [...hours].sort((a, b) => a.from.localeCompare(b.from))) {
      const start = wallClock(day, h.from);
      const end = wallClock(day, h.to);
      if (end <= from || end <= start) continue;
      yield { start: Math.max(start, from), end };
    }
  }
}

/**
 * One local day of a time zone, with the instants of its wall-clock times as they are asked for. Zone
 * arithmetic (luxon asks Intl for the offset at every step) costs far more than the rest of a due-time
 * computation, and every conversation of a client walks the same few days, so days are kept: a day's
 * instants never change (the zone rules are fixed while the process runs).
 */
type LocalDay = {
  zone: string;
  /** ISO date, e.g. 2026-03-08. */
  date: string;
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  midnight: DateTime;
  start: number;
  next: LocalDay | null;
  instants: Map<string, number>;
};

const knownDays = new Map<string, LocalDay>();
const lastDayOfZone = new Map<string, LocalDay>();
const KNOWN_DAYS_LIMIT = 50_000;

function localDay(midnight: DateTime): LocalDay {
  const zone = midnight.zoneName ?? 'UTC';
  const date = midnight.toISODate() ?? '';
  const key = `${zone}|${date}`;
  let day = knownDays.get(key);
  if (!day) {
    if (knownDays.size >= KNOWN_DAYS_LIMIT) knownDays.clear();
    day = {
      zone,
      date,
      weekday: midnight.weekday,
      midnight,
      start: midnight.toMillis(),
      next: null,
      instants: new Map(),
    };
    knownDays.set(key, day);
  }
  return day;
}

function nextDay(day: LocalDay): LocalDay {
  day.next ??= localDay(day.midnight.plus({ days: 1 }).startOf('day'));
  return day.next;
}

/** The local day an instant falls on; the zone's last answer is reused while instants stay within it. */
function localDayAt(zone: string, at: number): LocalDay {
  const last = lastDayOfZone.get(zone);
  if (last && at >= last.start && at < nextDay(last).start) return last;
  const day = localDay(DateTime.fromMillis(at, { zone }).startOf('day'));
  lastDayOfZone.set(zone, day);
  return day;
}

/** `HH:MM` on a local day as an instant; 24:00 is the next day's midnight. A time skipped by DST moves forward. */
function wallClock(day: LocalDay, hhmm: string): number {
  const known = day.instants.get(hhmm);
  if (known !== undefined) return known;
  const hour = Number(hhmm.slice(0, 2));
  const minute = Number(hhmm.slice(3, 5));
  const instant =
    hour === 24 ? nextDay(day).start : day.midnight.set({ hour, minute, second: 0, millisecond: 0 }).toMillis();
  day.instants.set(hhmm, instant);
  return instant;
}
