import { isManager, type Scope } from '../../platform/scope.js';

/**
 * Who may listen to a recording, once the scope has already admitted its client: the client's own users
 * (it is their record) and agency managers (QA review) hear every recording; an agent hears the calls they
 * were on, and voicemails, which the agent calling back needs. A colleague's conversation with a customer
 * is not every agent's to replay.
 */
export function mayHearRecording(
  scope: Scope,
  recording: { kind: 'call' | 'voicemail' },
  call: { agentId: string | null },
): boolean {
  if (scope.kind === 'client' || isManager(scope) || recording.kind === 'voicemail') return true;
  return call.agentId === scope.userId;
}
