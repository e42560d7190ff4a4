import type { QueueBoard } from '@switchboard/contracts';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { countWaiting, listActiveClientIdsForBoard, listQueueConversations } from './queue-board-repository.js';
import { compareQueued } from './queue-order.js';
import { loadRoutingAgents } from './routing-repository.js';

const WAITING_SHOWN = 200;
const PER_AGENT_SHOWN = 25;

/**
 * The supervisor's live queue: waiting conversations in the order routing serves them, counts per
 * client and tier, and every agent with presence, load per channel and what they hold.
 */
export async function getQueueBoard(db: Db): Promise<QueueBoard> {
  const clientIds = await listActiveClientIdsForBoard(db);
  const [summary, waitingRows, agents, assigned] = await Promise.all([
    countWaiting(db),
    listQueueConversations(db, clientIds, sql`c.assignee_id IS NULL AND c.waiting_since IS NOT NULL`, WAITING_SHOWN),
    loadRoutingAgents(db, { loadsOf: 'all' }),
    // What agents hold, most recently changed first: a conversation just handed over is always shown.
    listQueueConversations(db, clientIds, sql`c.assignee_id IS NOT NULL`, 500, 'recently-changed'),
  ]);
  const waiting = waitingRows
    .map((c) => ({
      conversation: c,
      queued: {
        id: c.id,
        waitingSince: c.waitingSince ? Date.parse(c.waitingSince) : 0,
        priority: c.priority,
        flags: c.flags,
      },
    }))
    .sort((a, b) => compareQueued(a.queued, b.queued))
    .slice(0, WAITING_SHOWN)
    .map((x) => x.conversation);
  const held = new Map<string, typeof assigned>();
  for (const c of assigned) {
    if (!c.assigneeId) continue;
    const list = held.get(c.assigneeId) ?? [];
    if (list.length < PER_AGENT_SHOWN) list.push(c);
    held.set(c.assigneeId, list);
  }
  const presenceRank = { online: 0, away: 1, offline: 2 } as const;
  return {
    waiting,
    waitingTotal: summary.reduce((sum, s) => sum + s.waiting, 0),
    summary: summary.map((s) => ({
      client: { id: s.client_id, name: s.client_name },
      tier: s.tier,
      waiting: s.waiting,
      oldestWaitingSince: new Date(s.oldest).toISOString(),
    })),
    agents: agents
      .sort((a, b) => presenceRank[a.presence] - presenceRank[b.presence] || a.name.localeCompare(b.name))
      .map((a) => ({
        id: a.id,
        name: a.name,
        tier: a.tier,
        presence: a.presence,
        capacity: a.capacity,
        load: a.load,
        clientIds: [...a.clientIds],
        skills: [...a.skills],
        languages: [...a.languages],
        lastAssignedAt: a.lastAssignedAt === null ? null : new Date(a.lastAssignedAt).toISOString(),
        conversations: held.get(a.id) ?? [],
      })),
  };
}
