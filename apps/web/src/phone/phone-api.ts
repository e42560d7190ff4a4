import {
  Call,
  CallbackTask,
  type CallListQuery,
  CallScreenPop,
  CreatedPhoneLine,
  type CreatePhoneLineRequest,
  type FileCallResultRequest,
  PhoneClientSettings,
  PhoneLine,
  PhoneQueue,
  PhoneSetup,
  type PlaceCallRequest,
  type SavePhoneQueueRequest,
  SoftphoneToken,
  type TransferCallRequest,
  type UpdatePhoneClientSettingsRequest,
  type UpdatePhoneLineRequest,
} from '@switchboard/contracts';
import { z } from 'zod';
import { api, apiVoid, toQueryString } from '../api/client';

const id = encodeURIComponent;

export const phoneKeys = {
  all: ['phone'] as const,
  offered: ['phone', 'offered'] as const,
  screenPop: (callId: string) => ['phone', 'screen-pop', callId] as const,
  calls: (filters: Record<string, string | undefined>) => ['phone', 'calls', filters] as const,
  setup: (clientId: string) => ['phone', 'setup', clientId] as const,
  callbacks: ['phone', 'callbacks'] as const,
  lines: ['phone', 'lines'] as const,
  // Outside the 'phone' prefix: desk call events refetch phone queries, never the softphone's token.
  softphoneToken: ['softphone-token'] as const,
};

export const getScreenPop = (callId: string, signal?: AbortSignal) =>
  api(`/phone/calls/${id(callId)}/screen-pop`, CallScreenPop, { signal });

export const listCalls = (filters: Partial<Record<keyof CallListQuery, string | undefined>>, signal?: AbortSignal) =>
  api(`/phone/calls${toQueryString(filters)}`, z.array(Call), { signal });

const control = (callId: string, action: string, body?: unknown) =>
  apiVoid(`/phone/calls/${id(callId)}/${action}`, { method: 'POST', body: body ?? {} });

export const answerCall = (callId: string) => control(callId, 'answer');
export const hangupCall = (callId: string) => control(callId, 'hangup');
export const holdCall = (callId: string, hold: boolean) => control(callId, 'hold', { hold });
export const transferCall = (callId: string, request: TransferCallRequest) => control(callId, 'transfer', request);
export const fileCallResult = (callId: string, request: FileCallResultRequest) => control(callId, 'result', request);

export const placeCall = (request: PlaceCallRequest) =>
  api('/phone/calls', z.object({ callId: z.string() }), { method: 'POST', body: request });

export const listCallbackTasks = (signal?: AbortSignal) => api('/phone/callbacks', z.array(CallbackTask), { signal });

export const listPhoneLines = (signal?: AbortSignal) => api('/phone/lines', z.array(PhoneLine), { signal });

export const getSoftphoneToken = () => api('/phone/softphone-token', SoftphoneToken);

// ---- A client's phone setup (agency managers) ----

const setupBase = (clientId: string) => `/clients/${id(clientId)}/phone`;

export const getPhoneSetup = (clientId: string, signal?: AbortSignal) =>
  api(setupBase(clientId), PhoneSetup, { signal });

export const updatePhoneSettings = (clientId: string, body: UpdatePhoneClientSettingsRequest) =>
  api(`${setupBase(clientId)}/settings`, PhoneClientSettings, { method: 'PATCH', body });

export const createPhoneLine = (clientId: string, body: CreatePhoneLineRequest) =>
  api(`${setupBase(clientId)}/lines`, CreatedPhoneLine, { method: 'POST', body });

export const updatePhoneLine = (clientId: string, lineId: string, body: UpdatePhoneLineRequest) =>
  api(`${setupBase(clientId)}/lines/${id(lineId)}`, PhoneLine, { method: 'PATCH', body });

export const savePhoneQueue = (clientId: string, queueId: string | null, body: SavePhoneQueueRequest) =>
  queueId
    ? api(`${setupBase(clientId)}/queues/${id(queueId)}`, PhoneQueue, { method: 'PUT', body })
    : api(`${setupBase(clientId)}/queues`, PhoneQueue, { method: 'POST', body });
