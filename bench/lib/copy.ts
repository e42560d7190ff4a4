import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** NULL in COPY's text format. */
export const NULL = '\\N';

const SPECIAL = /[\\\t\n\r]/;

/** Escapes a value for COPY's text format (backslash, tab, newline, carriage return). */
export function esc(value: string): string {
  if (!SPECIAL.test(value)) return value;
  return value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

export const ts = (ms: number | null): string => (ms === null ? NULL : new Date(ms).toISOString());

/** A Postgres text[] literal for simple words (no quotes or commas). */
export const textArray = (items: readonly string[]): string => `{${items.join(',')}}`;

/**
 * Streams rows into `COPY table (columns) FROM STDIN`, batching lines into ~256 KB writes and
 * honouring back-pressure, so a 10 M row load never sits in memory.
 */
export class CopyWriter {
  private buffer = '';
  private readonly stream: ReturnType<typeof copyFrom>;
  rows = 0;

  constructor(client: pg.Client | pg.PoolClient, table: string, columns: readonly string[]) {
    this.stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  }

  /** Adds one row (values already escaped); resolves once the stream can take more. */
  async row(values: readonly string[]): Promise<void> {
    this.buffer += `${values.join('\t')}\n`;
    this.rows++;
    if (this.buffer.length >= 256 * 1024) await this.flush();
  }

  private async flush(): Promise<void> {
    const chunk = this.buffer;
    this.buffer = '';
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  async end(): Promise<void> {
    if (this.buffer) await this.flush();
    this.stream.end();
    await finished(this.stream);
  }
}
