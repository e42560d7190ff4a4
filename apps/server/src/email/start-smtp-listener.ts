import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import type { EmailInbox } from './email-repository.js';
import { findEmailInboxByAddress } from './email-repository.js';
import { type ParsedEmail, parseEmail } from './parse-email.js';
import { type ReceiveEmailDeps, receiveEmail } from './receive-email.js';

export type SmtpListenerOptions = {
  port: number;
  host?: string;
  maxBytes: number;
  /** STARTTLS is offered only with a certificate. */
  tls?: { key: string | Buffer; cert: string | Buffer } | undefined;
  /** Optional relay auth: a sending provider must log in with these. */
  auth?: { user: string; password: string } | undefined;
  hostname?: string;
  onError?: (error: unknown) => void;
};

export type SmtpListener = { port: number; close: () => Promise<void> };

const smtpError = (responseCode: number, message: string) => Object.assign(new Error(message), { responseCode });

/**
 * The agency's own MX-like listener: clients forward their support mail here. A recipient that is
 * no active e-mail inbox is refused at RCPT (550); a message over the limit with 552; a message is
 * answered 250 only after `receiveEmail` committed it for every recipient inbox, so whatever got a 250
 * is never lost. A failure we may recover from answers 451 and the sender retries.
 */
export async function startSmtpListener(deps: ReceiveEmailDeps, options: SmtpListenerOptions): Promise<SmtpListener> {
  const lookup = async (address: string) => findEmailInboxByAddress(deps.db, address);
  const config: SMTPServerOptions = {
    name: options.hostname ?? 'switchboard',
    banner: 'Switchboard ESMTP',
    size: options.maxBytes,
    logger: false,
    secure: false,
    disabledCommands: [...(options.tls ? [] : ['STARTTLS']), ...(options.auth ? [] : ['AUTH'])],
    authOptional: !options.auth,
    ...(options.tls ? { key: options.tls.key, cert: options.tls.cert } : {}),
    onAuth(auth, _session, callback) {
      if (options.auth && auth.username === options.auth.user && auth.password === options.auth.password) {
        callback(null, { user: auth.username });
        return;
      }
      callback(smtpError(535, '5.7.8 Authentication failed'));
    },
    onRcptTo(address, _session, callback) {
      lookup(address.address)
        .then((inbox) =>
          callback(inbox ? undefined : smtpError(550, `5.1.1 <${address.address}>: no such mailbox here`)),
        )
        .catch(() => callback(smtpError(451, '4.3.0 Temporary failure, try again')));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= options.maxBytes) chunks.push(chunk);
      });
      stream.on('error', (error) => callback(error));
      stream.on('end', () => {
        if (stream.sizeExceeded || size > options.maxBytes) {
          callback(smtpError(552, `5.3.4 Message too big (limit ${options.maxBytes} bytes)`));
          return;
        }
        const raw = Buffer.concat(chunks);
        const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        const recipients = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
        deliver(deps, raw, envelopeFrom, recipients, lookup)
          .then(() => callback(null, 'Queued'))
          .catch((error: unknown) => {
            options.onError?.(error);
            callback(
              (error as { responseCode?: number }).responseCode
                ? (error as Error)
                : smtpError(451, '4.3.0 Could not store the message now, try again'),
            );
          });
      });
    },
  };
  const server = new SMTPServer(config);
  server.on('error', (error) => options.onError?.(error));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function deliver(
  deps: ReceiveEmailDeps,
  raw: Buffer,
  envelopeFrom: string,
  recipients: string[],
  lookup: (address: string) => Promise<EmailInbox | undefined>,
) {
  let parsed: ParsedEmail;
  try {
    parsed = await parseEmail(raw, envelopeFrom);
  } catch {
    throw smtpError(554, '5.6.0 The message could not be parsed');
  }
  const seen = new Set<string>();
  for (const address of recipients) {
    const inbox = await lookup(address);
    if (!inbox || seen.has(inbox.inboxId)) continue;
    seen.add(inbox.inboxId);
    await receiveEmail(deps, { raw, inbox, envelopeFrom, via: 'smtp', parsed });
  }
}
