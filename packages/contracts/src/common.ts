import { z } from 'zod';

export const Id = z.uuid();
export const Locale = z.enum(['en', 'fa']);
export type Locale = z.infer<typeof Locale>;

export const Channel = z.enum(['email', 'chat', 'phone', 'api']);
export type Channel = z.infer<typeof Channel>;

export const ConversationStatus = z.enum(['open', 'pending', 'snoozed', 'resolved']);
export type ConversationStatus = z.infer<typeof ConversationStatus>;

export const Priority = z.enum(['low', 'normal', 'high', 'urgent']);
export type Priority = z.infer<typeof Priority>;

export const Tier = z.number().int().min(1).max(3);

export const AgencyRole = z.enum(['owner', 'admin', 'supervisor', 'agent']);
export type AgencyRole = z.infer<typeof AgencyRole>;

/** Per-channel concurrent capacity of an agent, e.g. `{ email: 8, chat: 3, phone: 1 }`. */
export const Capacity = z.strictObject({
  email: z.number().int().min(0).max(200),
  chat: z.number().int().min(0).max(50),
  phone: z.number().int().min(0).max(5),
});
export type Capacity = z.infer<typeof Capacity>;

export const Timestamp = z.iso.datetime({ offset: true });

/** Opaque cursor pages: `nextCursor` is null on the last page. */
export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const PageQuery = z.strictObject({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

/** RFC 9457 problem details, the shape of every error the API returns. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  code: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type Problem = z.infer<typeof Problem>;

type WithoutDefault<T> = T extends z.ZodDefault<infer Inner> ? Inner : T;

/**
 * A PATCH body made from a create body: every field optional, and none filled in by a default. (zod 4 applies a
 * field's `.default()` even when its object is `.partial()`, so a PATCH that names one field would reset every
 * other field that has a default: an agent's clients and skills, a client's time zone.)
 */
export function patchOf<Shape extends z.ZodRawShape>(create: z.ZodObject<Shape>) {
  const shape = Object.fromEntries(
    Object.entries(create.shape).map(([key, field]) => [key, field instanceof z.ZodDefault ? field.unwrap() : field]),
  ) as { [K in keyof Shape]: WithoutDefault<Shape[K]> };
  return z.strictObject(shape).partial();
}
