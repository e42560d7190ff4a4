import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/index.js';

/** The stored secrets still in clear (rows written before sealing began), by where they live. */
export const selectClearSecrets = (db: DbOrTx) =>
  queryRows<{ place: 'imap' | 'identity' | 'twilio'; client_id: string; id: string; value: string }>(
    db,
    sql`SELECT 'imap' AS place, client_id, inbox_id::text AS id, imap->>'password' AS value
          FROM email_inbox_configs WHERE imap->>'password' <> '' AND imap->>'password' NOT LIKE 'sb1:%'
        UNION ALL
        SELECT 'identity', client_id, id::text, settings->>'identitySecret'
          FROM inboxes WHERE settings->>'identitySecret' <> '' AND settings->>'identitySecret' NOT LIKE 'sb1:%'
        UNION ALL
        SELECT 'twilio', client_id, id::text, auth_token
          FROM phone_lines WHERE auth_token <> '' AND auth_token NOT LIKE 'sb1:%'`,
  );

/** Replaces one clear secret with its sealed form, only if it is still the clear value that was read. */
export async function replaceClearSecret(
  db: DbOrTx,
  secret: { place: 'imap' | 'identity' | 'twilio'; client_id: string; id: string; value: string },
  sealed: string,
): Promise<void> {
  const { client_id: clientId, id, value } = secret;
  if (secret.place === 'imap') {
    await db.execute(sql`UPDATE email_inbox_configs SET imap = jsonb_set(imap, '{password}', to_jsonb(${sealed}::text))
      WHERE client_id = ${clientId} AND inbox_id = ${id}::uuid AND imap->>'password' = ${value}`);
  } else if (secret.place === 'identity') {
    await db.execute(sql`UPDATE inboxes SET settings = jsonb_set(settings, '{identitySecret}', to_jsonb(${sealed}::text))
      WHERE client_id = ${clientId} AND id = ${id}::uuid AND settings->>'identitySecret' = ${value}`);
  } else {
    await db.execute(sql`UPDATE phone_lines SET auth_token = ${sealed}
      WHERE client_id = ${clientId} AND id = ${id}::uuid AND auth_token = ${value}`);
  }
}
