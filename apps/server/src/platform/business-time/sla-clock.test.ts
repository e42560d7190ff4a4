import type { SlaCalendar } from '@switchboard/contracts';
import { describe, expect, it } from 'vitest';
import { defaultSlaPolicy } from '../../sla/default-sla-policy.js';
import {
  advanceSlaClock,
  dueTimesOf,
  evaluateSla,
  nextSlaTimerAt,
  type SlaChange,
  type SlaClock,
  type SlaPolicyForClock,
  startSlaClock,
  summariseSla,
} from './sla-clock.js';

const always: SlaCalendar = { ...defaultSlaPolicy('UTC').calendar, mode: 'always' };
// first response 15 min, next response 30 min, resolution 4 h (urgent), 24/7
const policy: SlaPolicyForClock = { ...defaultSlaPolicy('UTC'), calendar: always };
const t = (hhmm: string) => new Date(`2026-02-10T${hhmm}:00Z`);
const iso = (hhmm: string) => t(hhmm).toISOString();

function run(changes: SlaChange[]): SlaClock {
  const [first, ...rest] = changes;
  return rest.reduce(advanceSlaClock, startSlaClock(first!.at));
}
const target = (clock: SlaClock, metric: string, now = t('23:00')) =>
  evaluateSla(clock, policy, 'urgent', now).find((x) => x.metric === metric);

describe('SLA clock', () => {
  it('starts first response and resolution when the conversation opens', () => {
    const clock = run([{ type: 'created', at: t('10:00') }]);
    const due = dueTimesOf(evaluateSla(clock, policy, 'urgent', t('10:01')));
    expect(due.firstResponseDueAt?.toISOString()).toBe(iso('10:15'));
    expect(due.nextResponseDueAt).toBeNull();
    expect(due.resolutionDueAt?.toISOString()).toBe(iso('14:00'));
    expect(due.slaDueAt?.toISOString()).toBe(iso('10:15'));
  });

  it('an agent reply satisfies the first response; the customer writing again owes a next response', () => {
    const clock = run([
      { type: 'created', at: t('10:00') },
      { type: 'reply', at: t('10:05') },
      { type: 'incoming', at: t('10:40') },
    ]);
    expect(target(clock, 'first_response')).toMatchObject({ metAt: iso('10:05'), breached: false });
    expect(target(clock, 'next_response')).toMatchObject({ startedAt: iso('10:40'), dueAt: iso('11:10'), metAt: null });
    const due = dueTimesOf(evaluateSla(clock, policy, 'urgent', t('10:41')));
    expect(due.firstResponseDueAt).toBeNull();
    expect(due.slaDueAt?.toISOString()).toBe(iso('11:10'));
  });

  it('a second customer message does not restart a next response already owed', () => {
    const clock = run([
      { type: 'created', at: t('10:00') },
      { type: 'reply', at: t('10:05') },
      { type: 'incoming', at: t('10:40') },
      { type: 'incoming', at: t('10:55') },
    ]);
    expect(target(clock, 'next_response')?.startedAt).toBe(iso('10:40'));
  });

  it('the customer writing twice before the first reply does not start a next response', () => {
    const clock = run([
      { type: 'created', at: t('10:00') },
      { type: 'incoming', at: t('10:03') },
    ]);
    expect(clock.nextResponse).toBeNull();
    expect(target(clock, 'first_response')?.dueAt).toBe(iso('10:15'));
  });

  it('a late reply is met but breached', () => {
    const clock = run([
      { type: 'created', at: t('10:00') },
      { type: 'reply', at: t('10:20') },
    ]);
    expect(target(clock, 'first_response')).toMatchObject({ metAt: iso('10:20'), dueAt: iso('10:15'), breached: true });
  });

  it('waiting on the customer pauses every clock; their message resumes them', () => {
    const paused = run([
      { type: 'created', at: t('10:00') },
      { type: 'status', to: 'pending', at: t('10:10') },
    ]);
    expect(target(paused, 'first_response', t('12:00'))).toMatchObject({ paused: true, dueAt: null, breached: false });
    expect(dueTimesOf(evaluateSla(paused, policy, 'urgent', t('12:00'))).slaDueAt).toBeNull();
    expect(summariseSla(evaluateSla(paused, policy, 'urgent', t('12:00')), paused)).toEqual({
      metric: 'first_response',
      dueAt: null,
      warnAt: null,
      paused: true,
    });

    const resumed = advanceSlaClock(paused, { type: 'incoming', at: t('11:00') });
    // 10 minutes had run before the pause; 5 are left from 11:00.
    expect(target(resumed, 'first_response')?.dueAt).toBe(iso('11:05'));
    expect(target(resumed, 'resolution')?.dueAt).toBe(iso('14:50'));
    expect(resumed.nextResponse).toBeNull();
  });

  it('snoozed pauses too, and reopening by hand resumes', () => {
    const clock = run([
      { type: 'created', at: t('10:00') },
      { type: 'status', to: 'snoozed', at: t('10:05') },
      { type: 'status', to: 'open', at: t('10:35') },
    ]);
    expect(target(clock, 'first_response')?.dueAt).toBe(iso('10:45'));
  });

  it('resolving meets the resolution target; a customer writing again reopens it with the time already used', () => {
    const resolved = run([
      { type: 'created', at: t('10:00') },
      { type: 'reply', at: t('10:05') },
      { type: 'status', to: 'resolved', at: t('11:00') },
    ]);
    expect(target(resolved, 'resolution')).toMatchObject({ metAt: iso('11:00'), breached: false });
    expect(summariseSla(evaluateSla(resolved, policy, 'urgent', t('11:01')), resolved)).toBeNull();
    expect(dueTimesOf(evaluateSla(resolved, policy, 'urgent', t('11:01'))).slaDueAt).toBeNull();

    const reopened = advanceSlaClock(resolved, { type: 'incoming', at: t('15:00') });
    // An hour of the four was used before it was resolved.
    expect(target(reopened, 'resolution')).toMatchObject({ metAt: null, dueAt: iso('18:00') });
    expect(target(reopened, 'next_response')?.dueAt).toBe(iso('15:30'));
  });

  it('a new priority applies its own targets from the original start', () => {
    const clock = run([{ type: 'created', at: t('10:00') }]);
    const normal = evaluateSla(clock, policy, 'normal', t('10:01')).find((x) => x.metric === 'first_response');
    const urgent = evaluateSla(clock, policy, 'urgent', t('10:01')).find((x) => x.metric === 'first_response');
    expect(normal?.dueAt).toBe(iso('14:00'));
    expect(urgent?.dueAt).toBe(iso('10:15'));
  });

  it('warns at the configured share of the target', () => {
    const clock = run([{ type: 'created', at: t('10:00') }]);
    expect(target(clock, 'first_response')?.warnAt).toBe(iso('10:12'));
    const half = evaluateSla(clock, { ...policy, warnAtPercent: 50 }, 'urgent', t('10:01'))[0];
    expect(half?.warnAt).toBe(new Date('2026-02-10T10:07:30Z').toISOString());
  });

  it('the next timer is the soonest warning or breach of a running target; paused or met targets have none', () => {
    // Urgent: first response due 10:15 (warn 10:12), resolution due 14:00 (warn 13:12).
    const opened = run([{ type: 'created', at: t('10:00') }]);
    const at = (clock: SlaClock, now: Date, after: Date | null = null) =>
      nextSlaTimerAt(evaluateSla(clock, policy, 'urgent', now), after)?.toISOString() ?? null;
    expect(at(opened, t('10:01'))).toBe(iso('10:12'));
    // Past instants count unless the caller has just dealt with them (the worker passes `after`).
    expect(at(opened, t('10:13'))).toBe(iso('10:12'));
    expect(at(opened, t('10:13'), t('10:13'))).toBe(iso('10:15'));
    expect(at(opened, t('10:20'), t('10:20'))).toBe(iso('13:12'));
    // Answered: the first response is met, the resolution's warning remains.
    const answered = advanceSlaClock(opened, { type: 'reply', at: t('10:05') });
    expect(at(answered, t('10:06'))).toBe(iso('13:12'));
    // Waiting on the customer pauses every clock: nothing can come due until they write.
    const waiting = advanceSlaClock(answered, { type: 'status', to: 'pending', at: t('10:06') });
    expect(at(waiting, t('10:07'))).toBeNull();
  });

  it('a metric without a target is not tracked', () => {
    const noNext = {
      ...policy,
      targets: { ...policy.targets, urgent: { ...policy.targets.urgent, nextResponse: null } },
    };
    const clock = run([
      { type: 'created', at: t('10:00') },
      { type: 'reply', at: t('10:05') },
      { type: 'incoming', at: t('10:40') },
    ]);
    expect(evaluateSla(clock, noNext, 'urgent', t('10:41')).map((x) => x.metric)).toEqual([
      'first_response',
      'resolution',
    ]);
  });
});
