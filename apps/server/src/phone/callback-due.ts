import type { PhoneSettingsRow } from './phone-repository.js';

/**
 * When a missed caller must have been called back. The SLA slice replaces this with the client's
 * contractual first-response target (business hours, calendars); until then a per-client default.
 */
export type CallbackDueAt = (settings: PhoneSettingsRow, missedAt: Date) => Date;

export const defaultCallbackDueAt: CallbackDueAt = (settings, missedAt) =>
  new Date(missedAt.getTime() + settings.callbackDueMinutes * 60_000);
