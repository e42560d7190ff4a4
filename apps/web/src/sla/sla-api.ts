import { SlaPolicy, type SlaPolicyInput } from '@switchboard/contracts';
import { api } from '../api/client';

export const getSlaPolicy = (clientId: string) => api(`/clients/${encodeURIComponent(clientId)}/sla-policy`, SlaPolicy);

export const saveSlaPolicy = (clientId: string, policy: SlaPolicyInput) =>
  api(`/clients/${encodeURIComponent(clientId)}/sla-policy`, SlaPolicy, { method: 'PUT', body: policy });
