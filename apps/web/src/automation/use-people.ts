import { useQuery } from '@tanstack/react-query';
import { listAgencyUsers } from '../api/admin-api';
import { queryKeys } from '../api/query-keys';
import { agentsQuery } from '../desk/use-assignable-agents';

export type PersonOption = { value: string; label: string };

/**
 * Who a rule of this owner may name: the agents serving the client, or (agency-wide) every active
 * member of staff — the server refuses anyone else when the rule is saved.
 */
export const usePeople = (clientId: string | null): PersonOption[] => {
  const agents = useQuery({ ...agentsQuery(clientId ?? ''), enabled: clientId !== null });
  const staff = useQuery({ queryKey: queryKeys.agencyUsers, queryFn: listAgencyUsers, enabled: clientId === null });
  if (clientId) return (agents.data ?? []).map((agent) => ({ value: agent.id, label: agent.name }));
  return (staff.data ?? []).filter((user) => user.active).map((user) => ({ value: user.id, label: user.name }));
};
