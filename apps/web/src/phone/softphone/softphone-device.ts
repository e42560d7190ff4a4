// The lazily loaded chunk: the provider's Voice SDK is only fetched when the agency configured a softphone.
import { Call, Device } from '@twilio/voice-sdk';

export type SoftphoneStatus = 'ready' | 'in-call' | 'error';
export type SoftphoneHandle = { hangup: () => void; destroy: () => void };

/**
 * Registers this browser as the agent's phone. Switchboard only rings it after the agent chose to act
 * (Answer in the pop-up, Call or Call back), so a ringing connection is accepted at once.
 */
export async function startSoftphone(options: {
  token: string;
  refreshToken: () => Promise<string>;
  onStatus: (status: SoftphoneStatus) => void;
}): Promise<SoftphoneHandle> {
  const device = new Device(options.token, {
    codecPreferences: [Call.Codec.Opus, Call.Codec.PCMU],
    closeProtection: true,
  });
  let current: Call | null = null;
  device.on('incoming', (call: Call) => {
    current = call;
    call.on('disconnect', () => {
      current = null;
      options.onStatus('ready');
    });
    call.on('cancel', () => {
      current = null;
      options.onStatus('ready');
    });
    call.accept();
    options.onStatus('in-call');
  });
  device.on('tokenWillExpire', () => {
    void options.refreshToken().then((token) => device.updateToken(token));
  });
  device.on('error', () => options.onStatus('error'));
  await device.register();
  options.onStatus('ready');
  return {
    hangup: () => current?.disconnect(),
    destroy: () => device.destroy(),
  };
}
