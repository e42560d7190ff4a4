/**
 * Every error code the API answers with (`code` in problem+json), with its HTTP status. The web says what
 * happened by the code, in the reader's language; the server's English `detail` is only a fallback.
 * The general codes come first; a use-case throws the domain code that names what went wrong.
 */
export const errorCodes = {
  // General: the shape of the request, access, limits.
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  /** A cookie-authenticated write without a valid CSRF token: fetch a fresh one and retry. */
  CSRF_INVALID: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,

  // Sign-in and the agency's people.
  WRONG_CREDENTIALS: 401,
  ACCOUNT_DISABLED: 403,
  ROLE_NOT_ALLOWED: 403,
  TOKEN_CANNOT_CREATE_TOKEN: 403,
  OWNER_ONLY: 403,
  PRIVILEGED_ONLY: 403,
  LAST_ACTIVE_OWNER: 409,
  EMAIL_TAKEN: 409,

  // Settings.
  NOTHING_TO_CHANGE: 400,

  // Clients and their inboxes.
  SLUG_TAKEN: 409,
  INBOX_CHANNEL_FIXED: 400,
  IMAP_PASSWORD_REQUIRED: 400,

  // Conversations, routing and automation.
  AGENT_NOT_SERVING_CLIENT: 400,
  ALREADY_TOP_TIER: 409,
  CHANNEL_TAKES_NO_REPLY: 409,
  CURSOR_INVALID: 400,
  DESK_ORIGIN_NOT_ALLOWED: 403,
  RULE_ORDER_INCOMPLETE: 400,

  // Knowledge base.
  KB_MARKUP_TOO_COMPLEX: 400,
  KB_VARIANT_EXISTS: 409,
  KB_CATEGORY_IN_ITSELF: 400,
  DOCUMENT_EMPTY: 400,
  DOCUMENT_UNREADABLE: 400,
  DOCUMENT_TOO_LARGE: 413,
  DOCUMENT_TOO_LONG: 413,
  DOCUMENT_TYPE_UNSUPPORTED: 415,

  // E-mail.
  EMAIL_BODY_EMPTY: 400,
  EMAIL_UNPARSEABLE: 400,

  // Escalation to the client.
  ESCALATION_ALREADY_ANSWERED: 409,
  ESCALATION_ALREADY_RELAYED: 409,
  ESCALATION_NOT_ANSWERED: 409,

  // Live chat.
  CHAT_NOT_STARTED: 400,
  CHAT_ONLY: 400,
  TRANSCRIPT_ADDRESS_FIXED: 403,
  NO_SENDING_ADDRESS: 409,
  WIDGET_ORIGIN_NOT_ALLOWED: 403,
  FILE_BODY_REQUIRED: 400,

  // Phone.
  CONTACT_HAS_NO_PHONE: 400,
  CALL_WITH_ANOTHER_AGENT: 403,
  CALL_ENDED: 409,
  CALL_NOT_ENDED: 409,
  CALL_NOT_RINGING: 409,
  CALL_NOT_IN_PROGRESS: 409,
  CALL_NOT_ON_HOLD: 409,
  CALL_NOT_CONNECTED: 409,
  NO_WARM_TRANSFER: 409,
  LINE_TAKES_NO_CALL_CONTROL: 409,
  PHONE_PROVIDER_REFUSED: 409,
  PROVIDER_SIGNATURE_INVALID: 403,
  PROVIDER_REQUEST_REPLAYED: 403,
  NOT_A_PROVIDER_CALL: 400,
  LINE_HAS_NO_CREDENTIALS: 409,
  CREDENTIALS_ONLY_FOR_TWILIO: 400,
  QUEUE_NOT_OF_CLIENT: 400,
  SCRIPT_NOT_OF_CLIENT: 400,
} as const;

export type ErrorCode = keyof typeof errorCodes;

/** The codes that name a domain rule (everything after the general ones): each has words in the web. */
export const domainErrorCodes = (Object.keys(errorCodes) as ErrorCode[]).slice(
  (Object.keys(errorCodes) as ErrorCode[]).indexOf('WRONG_CREDENTIALS'),
);
