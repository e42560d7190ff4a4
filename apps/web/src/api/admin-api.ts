import {
  AgencyUser,
  Client,
  ClientUser,
  type CreateAgencyUserRequest,
  type CreateClientRequest,
  type CreateClientUserRequest,
  type CreateInboxRequest,
  Inbox,
  type UpdateAgencyUserRequest,
  type UpdateClientRequest,
  type UpdateClientUserRequest,
  type UpdateInboxRequest,
} from '@switchboard/contracts';
import { z } from 'zod';
import { api } from './client';

type Input<S extends z.ZodType> = z.input<S>;
const id = encodeURIComponent;

export const listClients = () => api('/clients', z.array(Client));
export const createClient = (body: Input<typeof CreateClientRequest>) =>
  api('/clients', Client, { method: 'POST', body });
export const updateClient = (clientId: string, body: Input<typeof UpdateClientRequest>) =>
  api(`/clients/${id(clientId)}`, Client, { method: 'PATCH', body });

export const listAgencyUsers = () => api('/agency-users', z.array(AgencyUser));
export const createAgencyUser = (body: Input<typeof CreateAgencyUserRequest>) =>
  api('/agency-users', AgencyUser, { method: 'POST', body });
export const updateAgencyUser = (userId: string, body: Input<typeof UpdateAgencyUserRequest>) =>
  api(`/agency-users/${id(userId)}`, AgencyUser, { method: 'PATCH', body });

export const listClientUsers = (clientId: string) => api(`/clients/${id(clientId)}/users`, z.array(ClientUser));
export const createClientUser = (clientId: string, body: Input<typeof CreateClientUserRequest>) =>
  api(`/clients/${id(clientId)}/users`, ClientUser, { method: 'POST', body });
export const updateClientUser = (clientId: string, userId: string, body: Input<typeof UpdateClientUserRequest>) =>
  api(`/clients/${id(clientId)}/users/${id(userId)}`, ClientUser, { method: 'PATCH', body });

export const listInboxes = (clientId: string) => api(`/clients/${id(clientId)}/inboxes`, z.array(Inbox));
export const createInbox = (clientId: string, body: Input<typeof CreateInboxRequest>) =>
  api(`/clients/${id(clientId)}/inboxes`, Inbox, { method: 'POST', body });
export const updateInbox = (clientId: string, inboxId: string, body: Input<typeof UpdateInboxRequest>) =>
  api(`/clients/${id(clientId)}/inboxes/${id(inboxId)}`, Inbox, { method: 'PATCH', body });
