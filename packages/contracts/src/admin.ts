import { z } from 'zod';
import { BusinessHours, PreChatField } from './chat.js';
import { AgencyRole, Capacity, Channel, Id, Locale, patchOf, Tier } from './common.js';

const Slug = z
  .string()
  .trim()
  .min(2)
  .max(40)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lowercase letters, digits and dashes');

export const Client = z.object({
  id: Id,
  slug: z.string(),
  name: z.string(),
  locale: Locale,
  timezone: z.string(),
  ticketPrefix: z.string(),
  active: z.boolean(),
  createdAt: z.string(),
});
export type Client = z.infer<typeof Client>;

export const CreateClientRequest = z.strictObject({
  slug: Slug,
  name: z.string().trim().min(1).max(120),
  locale: Locale.default('en'),
  timezone: z.string().trim().min(1).max(64).default('UTC'),
  ticketPrefix: z.string().trim().min(1).max(20),
});
export const UpdateClientRequest = patchOf(CreateClientRequest.omit({ slug: true }).extend({ active: z.boolean() }));

export const AgencyUser = z.object({
  id: Id,
  email: z.string(),
  name: z.string(),
  role: AgencyRole,
  tier: z.number().int(),
  skills: z.array(z.string()),
  languages: z.array(z.string()),
  capacity: Capacity,
  clientIds: z.array(Id),
  locale: Locale,
  active: z.boolean(),
  createdAt: z.string(),
});
export type AgencyUser = z.infer<typeof AgencyUser>;

const Password = z.string().min(10, 'at least 10 characters').max(200);
const Tags = z.array(z.string().trim().min(1).max(40)).max(30);

export const CreateAgencyUserRequest = z.strictObject({
  email: z.email().max(254),
  name: z.string().trim().min(1).max(120),
  password: Password,
  role: AgencyRole.default('agent'),
  tier: Tier.default(1),
  skills: Tags.default([]),
  languages: Tags.default(['en']),
  capacity: Capacity.default({ email: 8, chat: 3, phone: 1 }),
  clientIds: z.array(Id).max(500).default([]),
  locale: Locale.default('en'),
});
export const UpdateAgencyUserRequest = patchOf(
  CreateAgencyUserRequest.omit({ email: true, password: true }).extend({ active: z.boolean(), password: Password }),
);

export const ClientUser = z.object({
  id: Id,
  clientId: Id,
  email: z.string(),
  name: z.string(),
  locale: Locale,
  active: z.boolean(),
  createdAt: z.string(),
});
export type ClientUser = z.infer<typeof ClientUser>;
export const CreateClientUserRequest = z.strictObject({
  email: z.email().max(254),
  name: z.string().trim().min(1).max(120),
  password: Password,
  locale: Locale.default('en'),
});
export const UpdateClientUserRequest = patchOf(
  CreateClientUserRequest.omit({ email: true }).extend({ active: z.boolean() }),
);

/** Channel settings are polymorphic: each channel type has its own shape. */
export const InboxSettings = z.discriminatedUnion('channel', [
  z.strictObject({
    channel: z.literal('email'),
    address: z.email().max(254),
    senderName: z.string().max(120).default(''),
  }),
  z.strictObject({
    channel: z.literal('chat'),
    allowedOrigins: z.array(z.url().max(200)).max(50).default([]),
    greeting: z.string().max(500).default(''),
    color: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/)
      .default('#1c7ed6'),
    /** What the pre-chat form asks; empty: the visitor starts typing at once. */
    preChat: z.array(PreChatField).max(3).default([]),
    /** `null`: always open (agents permitting). Outside these hours the widget offers the message form. */
    businessHours: BusinessHours.nullable().default(null),
    /** `auto` follows the page's `lang`, then the visitor's browser. */
    locale: z.enum(['auto', 'en', 'fa']).default('auto'),
    /**
     * The HMAC secret the client's site signs its user ids with; empty: identity verification is off. On a
     * change, left out keeps the stored secret. Responses carry it only once, on creation, to the manager.
     */
    identitySecret: z.union([z.literal(''), z.string().min(32).max(128)]).optional(),
    /** In responses: whether a secret is stored (its value is never shown again). Ignored in requests. */
    identitySecretSet: z.boolean().optional(),
  }),
  z.strictObject({
    channel: z.literal('phone'),
    number: z.string().regex(/^\+[1-9][0-9]{6,14}$/, 'E.164, e.g. +15551234567'),
  }),
  z.strictObject({ channel: z.literal('api') }),
]);
export type InboxSettings = z.infer<typeof InboxSettings>;

export const Inbox = z.object({
  id: Id,
  clientId: Id,
  name: z.string(),
  channel: Channel,
  /** Public key used by the widget and inbound webhooks. */
  key: z.string(),
  settings: InboxSettings,
  active: z.boolean(),
  createdAt: z.string(),
});
export type Inbox = z.infer<typeof Inbox>;
export const CreateInboxRequest = z.strictObject({
  name: z.string().trim().min(1).max(120),
  settings: InboxSettings,
});
export const UpdateInboxRequest = z
  .strictObject({ name: z.string().trim().min(1).max(120), settings: InboxSettings, active: z.boolean() })
  .partial();
