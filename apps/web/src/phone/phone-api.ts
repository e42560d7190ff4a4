import {
  Call,
  type CallListQuery,
  CallScreenPop,
  type FileCallResultRequest,
  type TransferCallRequest,
} from '@switchboard/contracts';
import { z } from 'zod';
import { api, apiVoid, toQueryString } from '../api/client';

const id = encodeURIComponent;

export const phoneKeys = {
  all: ['phone'] as const,
  offered: ['phone', 'offered'] as const,
  screenPop: (callId: string) => ['phone', 'screen-pop', callId] as const,
  calls: (filters: Record<string, string | undefined>) => ['phone', 'calls', filters] as const,
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
