import type { LoginRequest } from '@switchboard/contracts';
import type { Db } from '../db/index.js';
import { AppError } from '../platform/errors.js';
import { findAgencyUserByEmail, findClientUserByEmail, insertSession } from './auth-repository.js';
import { burnPasswordCheck, verifyPassword } from './password.js';
import type { Principal } from './principal.js';
import { agencyPrincipal, clientPrincipal } from './resolve-principal.js';
import { hashSecret, newSecret } from './tokens.js';

export const SESSION_DAYS = 14;

type SignInOptions = LoginRequest & { userAgent?: string | undefined; ip?: string | undefined };

/** Checks the password and opens a session. Wrong e-mail and wrong password fail the same way. */
export async function signIn(db: Db, options: SignInOptions): Promise<{ sessionToken: string; principal: Principal }> {
  const email = options.email.trim().toLowerCase();
  const agencyUser = await findAgencyUserByEmail(db, email);
  const clientUser = agencyUser ? undefined : await findClientUserByEmail(db, email);
  const account = agencyUser ?? clientUser;
  if (!account) {
    await burnPasswordCheck(options.password);
    throw invalid();
  }
  if (!(await verifyPassword(account.passwordHash, options.password))) throw invalid();

  const principal = agencyUser
    ? await agencyPrincipal(db, agencyUser.id, 'session')
    : await clientPrincipal(db, account.id);
  if (!principal) throw new AppError('ACCOUNT_DISABLED', 'This account is disabled.');

  const sessionToken = newSecret();
  await insertSession(db, {
    tokenHash: hashSecret(sessionToken),
    principalKind: agencyUser ? 'agency' : 'client',
    principalId: account.id,
    expiresAt: new Date(Date.now() + SESSION_DAYS * 86_400_000),
    userAgent: options.userAgent?.slice(0, 300),
    ip: options.ip,
  });
  return { sessionToken, principal };
}

const invalid = () => new AppError('WRONG_CREDENTIALS', 'Wrong e-mail or password.');
