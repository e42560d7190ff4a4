import pg from 'pg';

/**
 * Open conversations carry an SLA due time in the product (the desk's default order); a data set loaded
 * before SLA existed has none, which would make the SLA order a tie. Gives each open conversation a due
 * time from its waiting time and priority (urgent 15 min … low 4 h), in batches, once; untimed like the
 * migrations. Pending and snoozed conversations stay without one: their clock is paused.
 */
export async function fillSlaDueTimes(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let total = 0;
  try {
    for (;;) {
      const result = await client.query(
        `UPDATE conversations c SET sla_due_at = c.waiting_since + CASE c.priority
             WHEN 'urgent' THEN interval '15 minutes' WHEN 'high' THEN interval '30 minutes'
             WHEN 'normal' THEN interval '1 hour' ELSE interval '4 hours' END
           WHERE c.id IN (SELECT id FROM conversations
             WHERE status = 'open' AND waiting_since IS NOT NULL AND sla_due_at IS NULL AND sla_clock IS NULL
             LIMIT 20000)`,
      );
      total += result.rowCount ?? 0;
      if ((result.rowCount ?? 0) < 20000) break;
    }
    if (total > 0) await client.query('ANALYZE conversations');
  } finally {
    await client.end();
  }
  return total;
}
