import { AppError } from '../../platform/errors.js';
import type { VoiceAdapter } from '../voice-adapter.js';

const noControl = async (): Promise<never> => {
  throw new AppError(
    'CONFLICT',
    "This line's phone system reports calls to Switchboard but takes no call control from it.",
  );
};

/**
 * A PBX that reports its calls (newCall / answer / hangup, Zammad's generic CTI style). Switchboard
 * logs the call, pops it up on the agent's desk and opens callbacks; the PBX's own phones carry the audio.
 */
export const ctiAdapter: VoiceAdapter = {
  kind: 'cti',
  controls: false,
  connectAgent: noControl,
  hold: noControl,
  transfer: noControl,
  hangup: noControl,
  placeCall: noControl,
  fetchRecording: noControl,
};
