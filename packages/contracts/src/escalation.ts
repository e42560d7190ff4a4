import { z } from 'zod';
import { Id, Locale } from './common.js';

/**
 * Escalation to the client: what the desk, the portal and the admin exchange about questions the
 * agency asks a client. `state` folds the SLA in: an open escalation past its due time is `overdue`.
 */
export const EscalationState = z.enum(['open', 'overdue', 'answered', 'relayed', 'cancelled']);
export type EscalationState = z.infer<typeof EscalationState>;

export const EscalationKbLink = z.object({ itemId: Id, title: z.string(), url: z.string() });
export type EscalationKbLink = z.infer<typeof EscalationKbLink>;

export const Escalation = z.object({
  id: Id,
  conversationId: Id,
  conversationNumber: z.number().int(),
  conversationSubject: z.string(),
  state: EscalationState,
  question: z.string(),
  askedBy: z.string(),
  createdAt: z.string(),
  dueAt: z.string(),
  remindersSent: z.number().int(),
  answer: z.string().nullable(),
  answeredBy: z.string().nullable(),
  answeredAt: z.string().nullable(),
  answeredVia: z.enum(['portal', 'email']).nullable(),
  relayedAt: z.string().nullable(),
  relayedBy: z.string().nullable(),
});
export type Escalation = z.infer<typeof Escalation>;

/** The portal's view adds the customer it is about; never internal notes. */
export const PortalEscalation = Escalation.extend({
  customerName: z.string(),
  channel: z.string(),
});
export type PortalEscalation = z.infer<typeof PortalEscalation>;

export const PortalEscalationQuery = z.strictObject({
  state: z.enum(['open', 'overdue', 'answered']).optional(),
});

export const EscalateRequest = z.strictObject({
  question: z.string().trim().min(1).max(10_000),
  /** What the customer is told now; omitted: the client's template; null: no message to the customer. */
  customerNotice: z.string().trim().min(1).max(10_000).nullable().optional(),
  /** Public knowledge-base items whose help-page links are added to the customer notice. */
  kbItemIds: z.array(Id).max(10).default([]),
  /**
   * Documents sent with the customer notice, as e-mail attachments on e-mail conversations: files of
   * this conversation, or files the agency sent before (never another customer's uploads).
   */
  attachmentIds: z.array(Id).max(10).default([]),
});
export type EscalateRequest = z.input<typeof EscalateRequest>;

/** Largest document an agent may upload to send with an escalation's customer notice (10 MB). */
export const maxEscalationDocumentBytes = 10 * 1024 * 1024;

/** A document an agent uploaded for the customer: its id goes in `EscalateRequest.attachmentIds`. */
export const EscalationDocument = z.object({
  id: Id,
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int(),
});
export type EscalationDocument = z.infer<typeof EscalationDocument>;

/** The customer notice pre-filled from the client's template in the customer's language. */
export const EscalationDraft = z.object({
  language: Locale,
  customerNotice: z.string(),
  kbArticles: z.array(EscalationKbLink),
  autoRelay: z.boolean(),
});
export type EscalationDraft = z.infer<typeof EscalationDraft>;

export const AnswerEscalationRequest = z.strictObject({ answer: z.string().trim().min(1).max(20_000) });

export const RelayEscalationRequest = z.strictObject({ body: z.string().trim().min(1).max(20_000) });

export const EscalationSettings = z.object({
  autoRelay: z.boolean(),
  noticeTemplates: z.object({ en: z.string(), fa: z.string() }),
});
export type EscalationSettings = z.infer<typeof EscalationSettings>;

export const UpdateEscalationSettingsRequest = z.strictObject({
  autoRelay: z.boolean().optional(),
  noticeTemplates: z
    .strictObject({ en: z.string().trim().max(5_000).optional(), fa: z.string().trim().max(5_000).optional() })
    .optional(),
});
export type UpdateEscalationSettingsRequest = z.input<typeof UpdateEscalationSettingsRequest>;
