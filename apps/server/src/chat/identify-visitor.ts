import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { WidgetFrame } from '@switchboard/contracts';
import type { ChatSettings } from './chat-repository.js';

type Hello = Extract<WidgetFrame, { t: 'hello' }>;

export type Visitor = {
  /** The visitor's identity in the inbox (`contact_identities.source_id`). */
  sourceId: string;
  /** What the widget keeps for the next page load. */
  token: string;
  /** The client's own user id, when the site proved it with the identity HMAC. */
  verifiedUserId: string | null;
};

/** HMAC-SHA256 of the user id with the inbox's identity secret, hex: what the client's site computes. */
export const identityHash = (secret: string, userId: string) =>
  createHmac('sha256', secret).update(userId).digest('hex');

/**
 * Who is at the widget. A signed-in user of the client's site is known by their user id once the
 * HMAC checks out, so they see their history on any device; everyone else by a random token the
 * server issued and the widget keeps. A refused identity is reported, never silently trusted.
 */
export function identifyVisitor(
  settings: ChatSettings,
  hello: Pick<Hello, 'visitor' | 'identity'>,
): { visitor: Visitor; refused: boolean } {
  const token = hello.visitor ?? randomBytes(24).toString('base64url');
  const anonymous = { sourceId: `v:${token}`, token, verifiedUserId: null };
  if (!hello.identity) return { visitor: anonymous, refused: false };
  const { userId, hash } = hello.identity;
  if (!settings.identitySecret) return { visitor: anonymous, refused: true };
  const expected = Buffer.from(identityHash(settings.identitySecret, userId));
  const given = Buffer.from(hash.toLowerCase());
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { visitor: anonymous, refused: true };
  }
  return { visitor: { sourceId: `u:${userId}`, token, verifiedUserId: userId }, refused: false };
}
