import type { ThreadChannel } from './build-thread.js';

type Load = Record<ThreadChannel, number>;

/**
 * Open work per demo agent and channel while the demo is written, across every client they serve, so
 * the seeded desk respects the capacities routing enforces (open conversations per channel).
 */
export class DemoCapacity {
  private readonly load = new Map<string, Load>();

  constructor(private readonly capacity: ReadonlyMap<string, Load>) {}

  hasRoom(agentId: string, channel: ThreadChannel): boolean {
    const limit = this.capacity.get(agentId)?.[channel] ?? 0;
    return (this.load.get(agentId)?.[channel] ?? 0) < limit;
  }

  take(agentId: string, channel: ThreadChannel): void {
    const load = this.load.get(agentId) ?? { email: 0, chat: 0, phone: 0 };
    load[channel] += 1;
    this.load.set(agentId, load);
  }
}
