import { z } from 'zod';
import type { SoftphoneConfig } from './softphone-token.js';

const Env = z.object({
  /** Where Twilio's REST API is (a test double in development); https://api.twilio.com by default. */
  TWILIO_API_BASE_URL: z.url().optional(),
  TWILIO_ACCOUNT_SID: z.string().optional(),
  TWILIO_API_KEY_SID: z.string().optional(),
  TWILIO_API_KEY_SECRET: z.string().optional(),
  TWILIO_TWIML_APP_SID: z.string().optional(),
});

/** The phone's environment: the Twilio API host and, when all four are set, the browser softphone. */
export function loadPhoneConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = Env.parse(env);
  const softphone: SoftphoneConfig | null =
    parsed.TWILIO_ACCOUNT_SID &&
    parsed.TWILIO_API_KEY_SID &&
    parsed.TWILIO_API_KEY_SECRET &&
    parsed.TWILIO_TWIML_APP_SID
      ? {
          accountSid: parsed.TWILIO_ACCOUNT_SID,
          apiKeySid: parsed.TWILIO_API_KEY_SID,
          apiKeySecret: parsed.TWILIO_API_KEY_SECRET,
          twimlAppSid: parsed.TWILIO_TWIML_APP_SID,
        }
      : null;
  return { twilioApiBaseUrl: parsed.TWILIO_API_BASE_URL, softphone };
}
