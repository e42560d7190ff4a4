import type { AssignableAgent } from '@switchboard/contracts';
import { useQueries, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { listAssignableAgents } from '../api/conversations-api';
import { queryKeys } from '../api/query-keys';

type Agent = z.infer<typeof AssignableAgent>;

export const agentsQuery = (clientId: string) => ({
  queryKey: queryKeys.assignableAgents(clientId),
  queryFn: () => listAssignableAgents(clientId),
  staleTime: 60_000,
});

export const useAssignableAgents = (clientId: string) => useQuery(agentsQuery(clientId));

/** Agents across several clients, each listed once: the desk's "assignee" filter spans every client shown. */
export const useAgentsAcross = (clientIds: string[]): Agent[] => {
  const results = useQueries({ queries: clientIds.map(agentsQuery) });
  const byId = new Map<string, Agent>();
  for (const result of results) for (const agent of result.data ?? []) byId.set(agent.id, agent);
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
};
