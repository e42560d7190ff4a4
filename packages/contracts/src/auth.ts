import { z } from 'zod';
import { AgencyRole, Id, Locale } from './common.js';

export const LoginRequest = z.strictObject({
  email: z.email().max(254),
  password: z.string().min(1).max(200),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

/** Who is signed in. Agency staff work the desk; client users see only their client's portal. */
export const Me = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('agency'),
    id: Id,
    email: z.string(),
    name: z.string(),
    role: AgencyRole,
    tier: z.number().int(),
    locale: Locale,
  }),
  z.object({
    kind: z.literal('client'),
    id: Id,
    email: z.string(),
    name: z.string(),
    locale: Locale,
    client: z.object({ id: Id, name: z.string(), slug: z.string() }),
  }),
]);
export type Me = z.infer<typeof Me>;

export const UpdateMeRequest = z.strictObject({ locale: Locale });

export const CsrfToken = z.object({ token: z.string() });

export const CreateApiTokenRequest = z.strictObject({
  name: z.string().trim().min(1).max(100),
  /** A token ends after this many days; a year at most. */
  expiresInDays: z.number().int().min(1).max(365).default(90),
});
export const ApiToken = z.object({
  id: Id,
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string(),
});
export type ApiToken = z.infer<typeof ApiToken>;
/** The secret is shown once, at creation. */
export const CreatedApiToken = ApiToken.extend({ token: z.string() });
