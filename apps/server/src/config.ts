import path from 'node:path';
import { z } from 'zod';

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  SMTP_PORT: z.coerce.number().int().min(0).max(65535).default(2525),
  DATA_DIR: z.string().default('./data'),
  /** A real PostgreSQL (15+). Without it Switchboard runs on embedded PGlite under DATA_DIR. */
  DATABASE_URL: z.string().optional(),
  /** Public URL used in links we send (e-mails, the widget snippet). */
  PUBLIC_URL: z.string().optional(),
  /** Seed the demo agency on first start (default on; `npm start` is a demo). */
  SEED_DEMO: z.enum(['true', 'false']).default('true'),
  /** Secure cookies need HTTPS; off by default so http://localhost works. */
  COOKIE_SECURE: z.enum(['true', 'false']).default('false'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.string().default('development'),
});

export type Config = {
  port: number;
  host: string;
  smtpPort: number;
  dataDir: string;
  databaseUrl: string | undefined;
  publicUrl: string;
  seedDemo: boolean;
  cookieSecure: boolean;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.parse(env);
  return {
    port: parsed.PORT,
    host: parsed.HOST,
    smtpPort: parsed.SMTP_PORT,
    dataDir: path.resolve(parsed.DATA_DIR),
    databaseUrl: parsed.DATABASE_URL || undefined,
    publicUrl: parsed.PUBLIC_URL ?? `http://localhost:${parsed.PORT}`,
    seedDemo: parsed.SEED_DEMO === 'true',
    cookieSecure: parsed.COOKIE_SECURE === 'true',
    logLevel: parsed.LOG_LEVEL,
  };
}
