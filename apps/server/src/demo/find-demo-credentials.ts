import { createHash } from 'node:crypto';
import { eq, inArray, or } from 'drizzle-orm';
import { verifyPassword } from '../auth/index.js';
import type { Db } from '../db/index.js';
import { agencyUsers, clientUsers, phoneLines } from '../db/schema.js';
import { demoAgencyUsers, demoClients, demoPassword } from './demo-people.js';
import { demoPhone } from './seed-phone-demo.js';

const demoEmails = [
  ...demoAgencyUsers.map((user) => user.email),
  ...demoClients.flatMap((c) => c.users.map((u) => u.email)),
];
const demoCtiTokenHash = createHash('sha256').update(demoPhone.golestan.ctiToken).digest('hex');

/**
 * What in this database still opens with a credential the demo publishes: active sign-ins of the demo's people
 * whose password is still "switchboard", and phone lines on the demo's Twilio account or PBX token. A production
 * start refuses while any is left (the README's production checklist says how to clear them).
 */
export async function findDemoCredentials(db: Db): Promise<string[]> {
  const found: string[] = [];
  for (const table of [agencyUsers, clientUsers]) {
    const people = await db
      .select({ email: table.email, passwordHash: table.passwordHash, active: table.active })
      .from(table)
      .where(inArray(table.email, demoEmails));
    for (const person of people) {
      if (person.active && (await verifyPassword(person.passwordHash, demoPassword)))
        found.push(`the sign-in ${person.email} with the demo password`);
    }
  }
  const lines = await db
    .select({ number: phoneLines.number })
    .from(phoneLines)
    .where(or(eq(phoneLines.accountSid, demoPhone.acme.accountSid), eq(phoneLines.ctiTokenHash, demoCtiTokenHash)));
  for (const line of lines) found.push(`the phone line ${line.number} with the demo's Twilio account or PBX token`);
  return found;
}
