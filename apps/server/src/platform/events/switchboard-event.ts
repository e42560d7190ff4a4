import { z } from 'zod';
import { AppError } from '../errors.js';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** A plain JSON object naming what happened (`conversation.assigned`) and the client it happened for. */
export type SwitchboardEvent = { type: string; clientId: string; [field: string]: Json };

/** PostgreSQL refuses a NOTIFY payload of 8000 bytes or more; the envelope must fit too. */
export const maxEventBytes = 7999;

const jsonSchema: z.ZodType<Json> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(jsonSchema), z.record(z.string(), jsonSchema)]),
);

// Every field must be JSON (no Date, undefined, NaN) so that what arrives elsewhere is what was sent.
const eventSchema = z.object({ type: z.string().min(1), clientId: z.string().min(1) }).catchall(jsonSchema);

/**
 * Checks an event before any bus takes it and returns its JSON. Every bus applies the same rules,
 * so code that works on the in-memory bus keeps working when a deployment moves to LISTEN/NOTIFY.
 * `envelopeBytes` is what the transport adds around the event.
 */
export function encodeEvent(event: SwitchboardEvent, envelopeBytes = 0): string {
  const parsed = eventSchema.safeParse(event);
  if (!parsed.success) {
    throw new AppError('BAD_REQUEST', `Invalid event: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`);
  }
  const json = JSON.stringify(event);
  const bytes = Buffer.byteLength(json) + envelopeBytes;
  if (bytes > maxEventBytes) {
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      `Event ${event.type} is ${bytes} bytes; events travel by NOTIFY and must stay under ${maxEventBytes + 1}. Send ids and let subscribers load the rest.`,
    );
  }
  return json;
}

/** Parses an event that arrived from elsewhere; null when it is not one. */
export function decodeEvent(value: unknown): SwitchboardEvent | null {
  const parsed = eventSchema.safeParse(value);
  return parsed.success ? (parsed.data as SwitchboardEvent) : null;
}
