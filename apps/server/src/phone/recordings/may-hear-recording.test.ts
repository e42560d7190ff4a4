import { describe, expect, it } from 'vitest';
import { managerReach, type Scope } from '../../platform/scope.js';
import { mayHearRecording } from './may-hear-recording.js';

const agent: Scope = { kind: 'agency', userId: 'agent-a', role: 'agent', clientIds: ['north'] };
const supervisor: Scope = { kind: 'agency', userId: 'sup', role: 'supervisor', clientIds: managerReach };
const clientUser: Scope = { kind: 'client', userId: 'owner', clientId: 'north' };

describe('who may hear a recording (its client already in scope)', () => {
  it.each([
    ['the agent on the call', agent, 'call', 'agent-a', true],
    ["a colleague's call", agent, 'call', 'agent-b', false],
    ['a call nobody answered', agent, 'call', null, false],
    ['a voicemail, for the agent calling back', agent, 'voicemail', null, true],
    ['a supervisor, any call', supervisor, 'call', 'agent-b', true],
    ["the client's own user", clientUser, 'call', 'agent-b', true],
  ] as const)('%s', (_case, scope, kind, agentId, expected) => {
    expect(mayHearRecording(scope, { kind }, { agentId })).toBe(expected);
  });
});
