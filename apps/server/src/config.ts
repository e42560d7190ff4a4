import path from 'node:path';
import { z } from 'zod';

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** The address to listen on; by default 127.0.0.1 for the demo (nobody else reaches its published sign-ins), 0.0.0.0 otherwise. */
  HOST: z.string().optional(),
  /** The inbound SMTP listener; 0 picks a free port (printed at start-up), `off` disables it. */
  SMTP_PORT: z.union([z.literal('off'), z.coerce.number().int().min(0).max(65535)]).default(2525),
  /** Outbound relay, e.g. smtp://user:pass@smtp.example.com:587. Without it mail goes to the mail catcher. */
  SMTP_RELAY_URL: z.string().optional(),
  /** Largest e-mail accepted, in bytes (SMTP 552 above it). */
  EMAIL_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(25 * 1024 * 1024),
  /** Optional STARTTLS certificate and key (PEM files) for the SMTP listener. */
  SMTP_TLS_CERT: z.string().optional(),
  SMTP_TLS_KEY: z.string().optional(),
  /** Optional relay auth on the listener: a user name and an argon2id hash of its password (`npm run hash-password`). */
  SMTP_AUTH_USER: z.string().optional(),
  SMTP_AUTH_PASSWORD_HASH: z.string().optional(),
  /** Refuse mail from sessions that did not log in (only with SMTP_AUTH_USER). */
  SMTP_AUTH_REQUIRED: z.enum(['true', 'false']).default('false'),
  /** SMTP sessions open at once (default 500) and from one address (an IPv6 /64 as one; default 50); past them 421. */
  SMTP_MAX_SESSIONS: z.coerce.number().int().min(1).optional(),
  SMTP_MAX_SESSIONS_PER_IP: z.coerce.number().int().min(1).optional(),
  /** Recipients of one message (default 100); past it 452. */
  SMTP_MAX_RECIPIENTS: z.coerce.number().int().min(1).optional(),
  /** Unknown recipients one SMTP session may name (default 20); past it the session is closed with 421. */
  SMTP_MAX_FAILED_RECIPIENTS: z.coerce.number().int().min(0).optional(),
  /** Memory all SMTP DATA in flight may hold (bytes, default 64 MiB); the rest is spooled to disk. */
  SMTP_DATA_MEMORY_BYTES: z.coerce.number().int().min(0).optional(),
  /** Where SMTP DATA past its memory share is spooled while it arrives (default DATA_DIR/smtp-spool). */
  SMTP_SPOOL_DIR: z.string().optional(),
  /**
   * The DNS servers sender checks of inbound mail (SPF, DKIM, DMARC) ask, comma-separated `ip` or `ip:port`
   * (e.g. a local caching resolver); the system's by default.
   */
  DNS_SERVERS: z.string().optional(),
  DATA_DIR: z.string().default('./data'),
  /** A real PostgreSQL (15+). Without it Switchboard runs on embedded PGlite under DATA_DIR. */
  DATABASE_URL: z.string().optional(),
  /** Public URL used in links we send (e-mails, the widget snippet). */
  PUBLIC_URL: z.string().optional(),
  /** Seed the demo agency on first start (default on, except with NODE_ENV=production; `npm start` is a demo). */
  SEED_DEMO: z.enum(['true', 'false']).optional(),
  /** Secure cookies need HTTPS; off by default so http://localhost works, on by default in production. */
  COOKIE_SECURE: z.enum(['true', 'false']).optional(),
  /** Seconds an agent stays online/away after their last desk closed, before routing marks them offline. */
  PRESENCE_GRACE_SECONDS: z.coerce.number().int().min(5).max(3600).default(90),
  /**
   * 32 bytes, base64 (`openssl rand -base64 32`): seals stored secrets (mailbox passwords, chat identity
   * secrets, Twilio tokens). Required in production; elsewhere a key is generated in DATA_DIR/secrets.key.
   */
  SECRETS_KEY: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.string().default('development'),
});

export type Config = {
  port: number;
  host: string;
  /** null: no SMTP listener. */
  smtpPort: number | null;
  smtpRelayUrl: string | undefined;
  emailMaxBytes: number;
  smtpTls: { cert: string; key: string } | undefined;
  smtpAuth: { user: string; passwordHash: string; required: boolean } | undefined;
  /** Unset ones take the listener's defaults (start-smtp-listener.ts). */
  smtpLimits: {
    maxSessions?: number;
    maxSessionsPerIp?: number;
    maxRecipients?: number;
    maxFailedRecipients?: number;
    dataMemoryBytes?: number;
  };
  smtpSpoolDir: string;
  /** Empty: the system's DNS servers. */
  dnsServers: string[];
  dataDir: string;
  databaseUrl: string | undefined;
  publicUrl: string;
  /** NODE_ENV=production: no demo, secure cookies, and no start while a demo credential still opens anything. */
  production: boolean;
  seedDemo: boolean;
  cookieSecure: boolean;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  presenceGraceSeconds: number;
  secretsKey: string | undefined;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.parse(env);
  const production = parsed.NODE_ENV === 'production';
  const seedDemo = (parsed.SEED_DEMO ?? (production ? 'false' : 'true')) === 'true';
  if (production && seedDemo)
    throw new Error('SEED_DEMO=true with NODE_ENV=production: the demo signs in with a published password');
  return {
    port: parsed.PORT,
    host: parsed.HOST || (seedDemo ? '127.0.0.1' : '0.0.0.0'),
    smtpPort: parsed.SMTP_PORT === 'off' ? null : parsed.SMTP_PORT,
    smtpRelayUrl: parsed.SMTP_RELAY_URL || undefined,
    emailMaxBytes: parsed.EMAIL_MAX_BYTES,
    smtpTls:
      parsed.SMTP_TLS_CERT && parsed.SMTP_TLS_KEY
        ? { cert: parsed.SMTP_TLS_CERT, key: parsed.SMTP_TLS_KEY }
        : undefined,
    smtpAuth: smtpAuthOf(parsed),
    smtpLimits: {
      maxSessions: parsed.SMTP_MAX_SESSIONS,
      maxSessionsPerIp: parsed.SMTP_MAX_SESSIONS_PER_IP,
      maxRecipients: parsed.SMTP_MAX_RECIPIENTS,
      maxFailedRecipients: parsed.SMTP_MAX_FAILED_RECIPIENTS,
      dataMemoryBytes: parsed.SMTP_DATA_MEMORY_BYTES,
    },
    smtpSpoolDir: path.resolve(parsed.SMTP_SPOOL_DIR ?? path.join(parsed.DATA_DIR, 'smtp-spool')),
    dnsServers: (parsed.DNS_SERVERS ?? '')
      .split(',')
      .map((server) => server.trim())
      .filter(Boolean),
    dataDir: path.resolve(parsed.DATA_DIR),
    databaseUrl: parsed.DATABASE_URL || undefined,
    publicUrl: parsed.PUBLIC_URL ?? `http://localhost:${parsed.PORT}`,
    production,
    seedDemo,
    cookieSecure: (parsed.COOKIE_SECURE ?? (production ? 'true' : 'false')) === 'true',
    logLevel: parsed.LOG_LEVEL,
    presenceGraceSeconds: parsed.PRESENCE_GRACE_SECONDS,
    secretsKey: parsed.SECRETS_KEY || undefined,
  };
}

function smtpAuthOf(parsed: z.infer<typeof Env>): Config['smtpAuth'] {
  if (!parsed.SMTP_AUTH_USER && !parsed.SMTP_AUTH_PASSWORD_HASH) {
    if (parsed.SMTP_AUTH_REQUIRED === 'true')
      throw new Error('SMTP_AUTH_REQUIRED needs SMTP_AUTH_USER and SMTP_AUTH_PASSWORD_HASH');
    return undefined;
  }
  if (!parsed.SMTP_AUTH_USER || !parsed.SMTP_AUTH_PASSWORD_HASH?.startsWith('$argon2')) {
    throw new Error(
      'SMTP relay auth needs SMTP_AUTH_USER and SMTP_AUTH_PASSWORD_HASH (an argon2 hash: npm run hash-password)',
    );
  }
  return {
    user: parsed.SMTP_AUTH_USER,
    passwordHash: parsed.SMTP_AUTH_PASSWORD_HASH,
    required: parsed.SMTP_AUTH_REQUIRED === 'true',
  };
}
