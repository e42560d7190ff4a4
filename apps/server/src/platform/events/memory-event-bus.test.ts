import { describe, expect, it } from 'vitest';
import { createMemoryEventBus } from './memory-event-bus.js';
import type { SwitchboardEvent } from './switchboard-event.js';

const assigned = { type: 'conversation.assigned', clientId: 'client-a', conversationId: 'c-1', agentId: 'ag-7' };

describe('memory event bus', () => {
  it('delivers each event to every subscriber, once', async () => {
    const bus = createMemoryEventBus();
    const first: SwitchboardEvent[] = [];
    const second: SwitchboardEvent[] = [];
    bus.subscribe((event) => void first.push(event));
    bus.subscribe((event) => void second.push(event));
    await bus.publish(assigned);
    expect(first).toEqual([assigned]);
    expect(second).toEqual([assigned]);
    await bus.close();
  });

  it('stops delivering after unsubscribe', async () => {
    const bus = createMemoryEventBus();
    const received: SwitchboardEvent[] = [];
    const unsubscribe = bus.subscribe((event) => void received.push(event));
    await bus.publish(assigned);
    unsubscribe();
    await bus.publish({ ...assigned, agentId: 'ag-8' });
    expect(received).toEqual([assigned]);
    await bus.close();
  });

  it('keeps delivering when one subscriber throws', async () => {
    const errors: string[] = [];
    const bus = createMemoryEventBus({ logger: { error: (_details, message) => void errors.push(message) } });
    const received: SwitchboardEvent[] = [];
    bus.subscribe(() => {
      throw new Error('socket gone');
    });
    bus.subscribe(async () => {
      throw new Error('async socket gone');
    });
    bus.subscribe((event) => void received.push(event));
    await bus.publish(assigned);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(received).toEqual([assigned]);
    expect(errors).toHaveLength(2);
    await bus.close();
  });

  it('refuses events that are not small JSON objects with a type and a clientId', async () => {
    const bus = createMemoryEventBus();
    const noClient = { type: 'x' } as unknown as SwitchboardEvent;
    await expect(bus.publish(noClient)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const withDate = { ...assigned, at: new Date() } as unknown as SwitchboardEvent;
    await expect(bus.publish(withDate)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(bus.publish({ ...assigned, body: 'x'.repeat(8000) })).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
    });
    await bus.close();
    await expect(bus.publish(assigned)).rejects.toThrow(/closed/);
  });
});
