import { createInterface } from 'node:readline/promises';
import { hashPassword } from '../auth/index.js';

/**
 * `npm run hash-password`: reads a password from standard input (so it stays out of the shell history)
 * and prints its argon2id hash for SMTP_AUTH_PASSWORD_HASH.
 */
const input = createInterface({ input: process.stdin, output: process.stderr, terminal: false });
process.stderr.write('Password (then Enter): ');
const [password] = await input[Symbol.asyncIterator]()
  .next()
  .then((line) => [line.value as string | undefined]);
input.close();
if (!password) {
  console.error('No password given.');
  process.exit(2);
}
console.log(await hashPassword(password));
