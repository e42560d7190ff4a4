import type { DeskEvent } from '@switchboard/contracts';
import { describe, expect, it } from 'vitest';
import { createMemoryEventBus } from '../platform/events/index.js';
import { deskEventsOn } from './create-desk-events.js';
import { deskEventFrame } from './desk-gateway.js';

const clientId = '00000000-0000-4000-8000-000000000001';
const conversationId = '00000000-0000-4000-8000-000000000002';

describe('desk events', () => {
  it('checks an event once and hands every subscriber the same frozen event; a failing one stops nobody', async () => {
    const errors: string[] = [];
    const events = deskEventsOn(createMemoryEventBus(), { error: (_details, message) => void errors.push(message) });
    const seen: DeskEvent[][] = [[], [], []];
    events.subscribe((event) => void seen[0]!.push(event));
    events.subscribe(() => {
      throw new Error('socket gone');
    });
    const unsubscribe = events.subscribe((event) => void seen[1]!.push(event));
    events.subscribe((event) => void seen[2]!.push(event));
    await events.publish({ type: 'conversation.updated', clientId, conversationId, status: 'open' });
    unsubscribe();
    await events.publish({ type: 'conversation.created', clientId, conversationId });
    // Not a desk event: no subscriber hears it.
    await events.publish({ type: 'conversation.updated', clientId } as unknown as DeskEvent);

    expect(seen[0]!.map((e) => e.type)).toEqual(['conversation.updated', 'conversation.created']);
    expect(seen[1]!.map((e) => e.type)).toEqual(['conversation.updated']);
    expect(seen[2]![0]).toBe(seen[0]![0]);
    expect(Object.isFrozen(seen[0]![0])).toBe(true);
    expect(errors).toEqual(['Desk event subscriber failed', 'Desk event subscriber failed']);
    // One JSON text per event, whichever socket asks.
    expect(deskEventFrame(seen[0]![0]!)).toBe(deskEventFrame(seen[2]![0]!));
    expect(JSON.parse(deskEventFrame(seen[0]![0]!))).toEqual({
      type: 'conversation.updated',
      clientId,
      conversationId,
      status: 'open',
    });
    await events.close();
  });
});
