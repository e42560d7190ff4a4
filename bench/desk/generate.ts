import { fakerEN, fakerFA } from '@faker-js/faker';
import pg from 'pg';
import { CopyWriter, esc, NULL, textArray, ts } from '../lib/copy.js';
import { Random } from '../lib/random.js';
import { type Language, TextMaker } from './vocabulary.js';

export type DeskSizes = {
  conversations: number;
  messagesPerConversation: number;
  contacts: number;
  clients: number;
  agents: number;
  seed: number;
};

export type LoadReport = { seconds: number; phases: Record<string, number> };

type Log = (line: string) => void;

const DAY = 86_400_000;
const MINUTE = 60_000;
const HOUR = 3_600_000;

const STATUSES = ['open', 'pending', 'snoozed', 'resolved'] as const;
type Status = (typeof STATUSES)[number];
const STATUS_SHARE: Record<Status, number> = { open: 15, pending: 5, snoozed: 2, resolved: 78 };
const CHANNELS = ['email', 'chat', 'phone', 'api'] as const;
type Channel = (typeof CHANNELS)[number];
const CHANNEL_SHARE: Record<Channel, number> = { email: 50, chat: 30, phone: 15, api: 5 };
const PRIORITY_SHARE = { low: 15, normal: 65, high: 15, urgent: 5 };
const TAGS = ['billing', 'shipping', 'returns', 'vip', 'complaint', 'sales', 'technical', 'follow-up', 'spam'];
/** Clients whose customers mostly write Persian (index in size order). */
const PERSIAN_CLIENT = (i: number) => i % 4 === 1;
/** Two years of history. */
const SPAN = 730 * DAY;

type Agent = { id: string; name: string; role: 'owner' | 'admin' | 'supervisor' | 'agent'; clients: number[] };
type Client = {
  id: string;
  slug: string;
  name: string;
  locale: Language;
  weight: number;
  inboxes: Record<Channel, string>;
  contactIds: string[];
  contactNames: string[];
  contactLocales: Language[];
  agents: number[];
  seq: number;
};

/** The tables this load fills with millions of rows: their secondary indexes and keys are built after the data. */
const BIG_TABLES = ['contacts', 'conversations', 'messages'];

/**
 * Fills an empty, migrated database with a realistic agency: clients of different sizes (Zipf), agents
 * serving 2–5 clients each, contacts, conversations and their messages. Rows are streamed through COPY;
 * the big tables' keys, indexes and foreign keys are dropped for the load and re-created afterwards from
 * their exact definitions in the catalog (then checked), so the schema ends up exactly as migrated.
 */
export async function generateDesk(url: string, sizes: DeskSizes, log: Log): Promise<LoadReport> {
  const started = performance.now();
  const phases: Record<string, number> = {};
  const phase = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const result = await run();
    phases[name] = (performance.now() - t0) / 1000;
    log(`  ${name}: ${phases[name].toFixed(1)} s`);
    return result;
  };

  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const ddl = await captureDdl(admin);
    await phase('drop keys and indexes of the big tables', async () => {
      for (const fk of ddl.foreignKeys) await admin.query(`ALTER TABLE ${fk.table} DROP CONSTRAINT ${fk.name}`);
      for (const pk of ddl.primaryKeys) await admin.query(`ALTER TABLE ${pk.table} DROP CONSTRAINT ${pk.name}`);
      for (const ix of ddl.indexes) await admin.query(`DROP INDEX ${ix.name}`);
    });

    const rng = new Random(sizes.seed);
    const text = new TextMaker();
    const now = Date.now();
    const { clients, agents } = await phase('clients, agents, inboxes, contacts', () =>
      loadReferenceData(admin, sizes, rng, now),
    );
    const plan = await phase('plan conversations', async () => planConversations(sizes, clients, rng, now));
    await phase('conversations + messages (COPY)', () =>
      loadConversations(url, sizes, clients, agents, plan, text, now, log),
    );
    await phase('rebuild primary keys, indexes, foreign keys', () => rebuild(url, ddl, log));
    await phase('VACUUM ANALYZE', async () => {
      await admin.query('VACUUM (ANALYZE)');
    });
    const after = await captureDdl(admin);
    const same = JSON.stringify(after) === JSON.stringify(ddl);
    if (!same) throw new Error('The schema after the load differs from the migrated one; see captureDdl output');
  } finally {
    await admin.end();
  }
  return { seconds: (performance.now() - started) / 1000, phases };
}

type Ddl = {
  foreignKeys: { table: string; name: string; def: string }[];
  primaryKeys: { table: string; name: string; def: string }[];
  indexes: { table: string; name: string; def: string }[];
};

async function captureDdl(client: pg.Client): Promise<Ddl> {
  const big = `ARRAY[${BIG_TABLES.map((t) => `'${t}'::regclass`).join(',')}]`;
  const fks = await client.query<{ table: string; name: string; def: string }>(
    `SELECT conrelid::regclass::text AS table, conname AS name, pg_get_constraintdef(oid) AS def
       FROM pg_constraint
      WHERE contype = 'f' AND connamespace = 'public'::regnamespace
        AND (conrelid = ANY(${big}) OR confrelid = ANY(${big}))
      ORDER BY 1, 2`,
  );
  const pks = await client.query<{ table: string; name: string; def: string }>(
    `SELECT conrelid::regclass::text AS table, conname AS name, pg_get_constraintdef(oid) AS def
       FROM pg_constraint WHERE contype IN ('p', 'u') AND conrelid = ANY(${big}) ORDER BY 1, 2`,
  );
  const ixs = await client.query<{ table: string; name: string; def: string }>(
    `SELECT tablename AS table, indexname AS name, indexdef AS def FROM pg_indexes
      WHERE schemaname = 'public' AND tablename = ANY($1)
        AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = ANY(${big}))
      ORDER BY 1, 2`,
    [BIG_TABLES],
  );
  return { foreignKeys: fks.rows, primaryKeys: pks.rows, indexes: ixs.rows };
}

/** Re-creates keys and indexes on two connections (the machine has two cores), then the foreign keys. */
async function rebuild(url: string, ddl: Ddl, log: Log): Promise<void> {
  // Keys are built as plain unique indexes first (CREATE INDEX builds on one table can run side by side;
  // ALTER TABLE ... ADD PRIMARY KEY would lock the table), then attached as constraints.
  const keyColumns = (def: string) => /^(?:PRIMARY KEY|UNIQUE) (\(.*\))$/.exec(def)?.[1];
  for (const pk of ddl.primaryKeys) {
    if (!keyColumns(pk.def)) throw new Error(`Unexpected key definition on ${pk.table}: ${pk.def}`);
  }
  const statements = [
    ...ddl.primaryKeys.map((pk) => `CREATE UNIQUE INDEX ${pk.name} ON ${pk.table} USING btree ${keyColumns(pk.def)}`),
    ...ddl.indexes.map((ix) => ix.def),
  ];
  // The GIN index is by far the longest build: start it first so the btrees run beside it.
  statements.sort((a, b) => Number(/USING gin/i.test(b)) - Number(/USING gin/i.test(a)));
  const queue = [...statements];
  const worker = async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`SET maintenance_work_mem = '1GB'`);
      for (let next = queue.shift(); next; next = queue.shift()) {
        const t0 = performance.now();
        await client.query(next);
        log(`    ${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s  ${next.slice(0, 110)}`);
      }
    } finally {
      await client.end();
    }
  };
  await Promise.all([worker(), worker()]);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`SET maintenance_work_mem = '1GB'`);
    for (const pk of ddl.primaryKeys) {
      const kind = pk.def.startsWith('PRIMARY KEY') ? 'PRIMARY KEY' : 'UNIQUE';
      await client.query(`ALTER TABLE ${pk.table} ADD CONSTRAINT ${pk.name} ${kind} USING INDEX ${pk.name}`);
    }
    for (const fk of ddl.foreignKeys) {
      const t0 = performance.now();
      await client.query(`ALTER TABLE ${fk.table} ADD CONSTRAINT ${fk.name} ${fk.def}`);
      log(`    ${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s  ${fk.table}.${fk.name}`);
    }
  } finally {
    await client.end();
  }
}

async function loadReferenceData(client: pg.Client, sizes: DeskSizes, rng: Random, now: number) {
  fakerEN.seed(sizes.seed);
  fakerFA.seed(sizes.seed);
  const weights = Array.from({ length: sizes.clients }, (_, i) => 1 / (i + 1) ** 0.8);
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const clients: Client[] = weights.map((w, i) => {
    const locale: Language = PERSIAN_CLIENT(i) ? 'fa' : 'en';
    const name = `${fakerEN.company.name()} ${i + 1}`;
    return {
      id: rng.uuid(),
      slug: `client-${String(i + 1).padStart(2, '0')}`,
      name,
      locale,
      weight: w / totalWeight,
      inboxes: { email: rng.uuid(), chat: rng.uuid(), phone: rng.uuid(), api: rng.uuid() },
      contactIds: [],
      contactNames: [],
      contactLocales: [],
      agents: [],
      seq: 0,
    };
  });

  // Agency staff: a few managers, the rest agents serving 2–5 clients (bigger clients need more agents).
  const agents: Agent[] = [];
  for (let i = 0; i < sizes.agents; i++) {
    const role = i < 2 ? 'owner' : i < 6 ? 'admin' : i < 6 + Math.ceil(sizes.agents * 0.07) ? 'supervisor' : 'agent';
    agents.push({ id: rng.uuid(), name: fakerEN.person.fullName(), role, clients: [] });
  }
  const agentIdx = agents.flatMap((a, i) => (a.role === 'agent' ? [i] : []));
  const pickClient = () => {
    let r = rng.next();
    for (let c = 0; c < clients.length; c++) {
      r -= clients[c]!.weight;
      if (r < 0) return c;
    }
    return clients.length - 1;
  };
  for (const i of agentIdx) {
    const want = rng.int(2, Math.min(5, clients.length));
    const set = new Set<number>();
    while (set.size < want) set.add(pickClient());
    agents[i]!.clients = [...set];
  }
  // Every client is served by at least three agents.
  for (let c = 0; c < clients.length; c++) {
    let served = agentIdx.filter((i) => agents[i]!.clients.includes(c)).length;
    for (let k = 0; served < Math.min(3, agentIdx.length) && k < agentIdx.length * 4; k++) {
      const a = agents[rng.pick(agentIdx)]!;
      if (!a.clients.includes(c) && a.clients.length < 5) {
        a.clients.push(c);
        served++;
      }
    }
  }
  for (const i of agentIdx) for (const c of agents[i]!.clients) clients[c]!.agents.push(i);

  // Contacts, in proportion to each client's size.
  for (let c = 0; c < clients.length; c++) {
    const client = clients[c]!;
    const n = Math.max(10, Math.round(sizes.contacts * client.weight));
    for (let k = 0; k < n; k++) {
      const locale: Language = rng.chance(client.locale === 'fa' ? 0.8 : 0.02) ? 'fa' : 'en';
      client.contactIds.push(rng.uuid());
      const first = (locale === 'fa' ? fakerFA : fakerEN).person.firstName();
      const last = (locale === 'fa' ? fakerFA : fakerEN).person.lastName();
      client.contactNames.push(`${first} ${last}`);
      client.contactLocales.push(locale);
    }
  }

  // Everything below goes through COPY as well (small, but one code path).
  const created = ts(now - SPAN - 30 * DAY);
  const copy = async (table: string, columns: string[], rows: Iterable<string[]>) => {
    const w = new CopyWriter(client, table, columns);
    for (const r of rows) await w.row(r);
    await w.end();
  };
  // Conversation numbers are planned later; clients get their final sequence in planConversations' UPDATE.
  await copy(
    'clients',
    ['id', 'slug', 'name', 'locale', 'timezone', 'ticket_prefix', 'conversation_seq', 'created_at'],
    clients.map((c, i) => [
      c.id,
      c.slug,
      esc(c.name),
      c.locale,
      c.locale === 'fa' ? 'Asia/Tehran' : 'Europe/London',
      `C${String(i + 1).padStart(2, '0')}`,
      '0',
      created,
    ]),
  );
  await copy(
    'agency_users',
    ['id', 'email', 'name', 'password_hash', 'role', 'tier', 'languages', 'capacity', 'created_at'],
    agents.map((a, i) => [
      a.id,
      `${a.role}${i}@agency.bench.test`,
      esc(a.name),
      'bench-no-login',
      a.role,
      String(1 + (i % 3)),
      textArray(a.clients.some((c) => clients[c]!.locale === 'fa') ? ['en', 'fa'] : ['en']),
      '{"email":8,"chat":3,"phone":1}',
      created,
    ]),
  );
  await copy(
    'agent_clients',
    ['client_id', 'agent_id', 'created_at'],
    agents.flatMap((a) => a.clients.map((c) => [clients[c]!.id, a.id, created])),
  );
  await copy(
    'client_users',
    ['id', 'client_id', 'email', 'name', 'password_hash', 'locale', 'created_at'],
    clients.flatMap((c) =>
      [1, 2, 3].map((k) => [
        rng.uuid(),
        c.id,
        `user${k}@${c.slug}.bench.test`,
        `User ${k}`,
        'bench-no-login',
        c.locale,
        created,
      ]),
    ),
  );
  await copy(
    'inboxes',
    ['id', 'client_id', 'name', 'channel', 'key', 'settings', 'created_at'],
    clients.flatMap((c) =>
      CHANNELS.map((ch) => [c.inboxes[ch], c.id, `${c.slug} ${ch}`, ch, `${c.slug}-${ch}`, '{}', created]),
    ),
  );
  await copy(
    'contacts',
    ['id', 'client_id', 'name', 'email', 'phone', 'locale', 'created_at'],
    (function* () {
      for (const c of clients) {
        for (let k = 0; k < c.contactIds.length; k++) {
          yield [
            c.contactIds[k]!,
            c.id,
            esc(c.contactNames[k]!),
            `customer${k}@${c.slug}.example.com`,
            `+4420${String(7_000_000 + k).padStart(8, '0')}`,
            c.contactLocales[k]!,
            created,
          ];
        }
      }
    })(),
  );
  return { clients, agents };
}

type Plan = {
  /** Conversations in creation order. */
  order: Uint32Array;
  client: Uint8Array;
  status: Uint8Array;
  createdAt: Float64Array;
  number: Uint32Array;
  messages: Uint16Array;
  totalMessages: number;
};

/** Decides, for every conversation, its client, status, creation time, number and message count. */
function planConversations(sizes: DeskSizes, clients: Client[], rng: Random, now: number): Plan {
  const n = sizes.conversations;
  const client = new Uint8Array(n);
  const status = new Uint8Array(n);
  const createdAt = new Float64Array(n);
  const cumulative: number[] = [];
  let acc = 0;
  for (const c of clients) {
    acc += c.weight;
    cumulative.push(acc);
  }
  for (let i = 0; i < n; i++) {
    const r = rng.next();
    let c = 0;
    while (c < clients.length - 1 && r >= cumulative[c]!) c++;
    client[i] = c;
    const s = STATUSES.indexOf(rng.weighted(STATUS_SHARE));
    status[i] = s;
    // Resolved conversations span two years (more recent ones more numerous: the agency grows); the
    // unresolved ones are mostly recent, with a tail of old backlog.
    const age =
      s === 3
        ? SPAN * (1 - Math.sqrt(rng.next())) + 2 * HOUR
        : Math.min(SPAN, rng.exponential(s === 0 ? 4 * DAY : s === 1 ? 7 * DAY : 10 * DAY) + MINUTE);
    createdAt[i] = now - age;
  }
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => createdAt[a]! - createdAt[b]!);
  const number = new Uint32Array(n);
  for (const i of order) number[i] = ++clients[client[i]!]!.seq;

  // Messages per conversation: 1 .. 2m-1 (mean m), then nudged so the total is exactly n * m.
  const m = sizes.messagesPerConversation;
  const messages = new Uint16Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    messages[i] = m <= 1 ? 1 : rng.int(1, 2 * m - 1);
    total += messages[i]!;
  }
  const target = n * m;
  while (total !== target) {
    const i = rng.int(0, n - 1);
    if (total < target && messages[i]! < 2 * m) {
      messages[i]!++;
      total++;
    } else if (total > target && messages[i]! > 1) {
      messages[i]!--;
      total--;
    }
  }
  return { order, client, status, createdAt, number, messages, totalMessages: total };
}

const CONVERSATION_COLUMNS = [
  'id',
  'client_id',
  'number',
  'inbox_id',
  'contact_id',
  'channel',
  'subject',
  'status',
  'priority',
  'tier',
  'assignee_id',
  'waiting_since',
  'first_response_at',
  'resolved_at',
  'last_message_at',
  'preview',
  'flags',
  'tags',
  'created_at',
  'updated_at',
];
const MESSAGE_COLUMNS = [
  'id',
  'client_id',
  'conversation_id',
  'kind',
  'author_type',
  'author_id',
  'author_name',
  'body_text',
  'visible_to_client',
  'activity',
  'source_id',
  'language',
  'created_at',
];

/**
 * Streams conversations and their messages on two lanes (two COPY pairs on their own connections),
 * so two backends keep both cores busy while this process generates the text. Triggers are off for
 * the load; the search documents are built afterwards in bulk (`search-documents.ts`).
 */
async function loadConversations(
  url: string,
  sizes: DeskSizes,
  clients: Client[],
  agents: Agent[],
  plan: Plan,
  text: TextMaker,
  now: number,
  log: Log,
): Promise<void> {
  const lanes = 2;
  const progress = { conversations: 0, messages: 0 };
  const t0 = performance.now();
  let last = { t: t0, m: 0 };
  const timer = setInterval(() => {
    const t = performance.now();
    const rate = ((progress.messages - last.m) / (t - last.t)) * 1000;
    const pct = (100 * progress.messages) / plan.totalMessages;
    log(
      `    ${((t - t0) / 1000).toFixed(0).padStart(5)} s  conversations ${progress.conversations.toLocaleString('en')}  ` +
        `messages ${progress.messages.toLocaleString('en')} (${pct.toFixed(1)}%)  ${Math.round(rate).toLocaleString('en')} messages/s`,
    );
    last = { t, m: progress.messages };
  }, 10_000);
  try {
    const n = plan.order.length;
    await Promise.all(
      Array.from({ length: lanes }, (_, lane) =>
        loadLane(url, lane, Math.floor((n * lane) / lanes), Math.floor((n * (lane + 1)) / lanes)),
      ),
    );
  } finally {
    clearInterval(timer);
  }
  const seconds = (performance.now() - t0) / 1000;
  log(
    `    loaded ${plan.order.length.toLocaleString('en')} conversations and ${progress.messages.toLocaleString('en')} messages ` +
      `in ${seconds.toFixed(0)} s (${Math.round(progress.messages / seconds).toLocaleString('en')} messages/s)`,
  );
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  for (const c of clients) await db.query('UPDATE clients SET conversation_seq = $1 WHERE id = $2', [c.seq, c.id]);
  await db.end();

  async function loadLane(url: string, lane: number, from: number, to: number): Promise<void> {
    const rng = new Random(sizes.seed * 7919 + lane + 1);
    const convDb = new pg.Client({ connectionString: url });
    const msgDb = new pg.Client({ connectionString: url });
    await convDb.connect();
    await msgDb.connect();
    // The search-document triggers would do per-row work; the documents are built in bulk afterwards.
    for (const client of [convDb, msgDb]) await client.query('SET session_replication_role = replica');
    try {
      const convs = new CopyWriter(convDb, 'conversations', CONVERSATION_COLUMNS);
      const msgs = new CopyWriter(msgDb, 'messages', MESSAGE_COLUMNS);
      for (let k = from; k < to; k++) {
        await writeConversation(plan.order[k]!, rng, convs, msgs);
        progress.conversations++;
      }
      await Promise.all([convs.end(), msgs.end()]);
    } finally {
      await convDb.end();
      await msgDb.end();
    }
  }

  async function writeConversation(i: number, rng: Random, convs: CopyWriter, msgs: CopyWriter): Promise<void> {
    const client = clients[plan.client[i]!]!;
    const status = STATUSES[plan.status[i]!]!;
    const channel = rng.weighted(CHANNEL_SHARE);
    const contact = rng.int(0, client.contactIds.length - 1);
    const contactId = client.contactIds[contact]!;
    const contactName = client.contactNames[contact]!;
    const language = client.contactLocales[contact]!;
    const assignedShare = status === 'open' ? 0.7 : 0.93;
    const assignee = client.agents.length && rng.chance(assignedShare) ? agents[rng.pick(client.agents)]! : null;
    const responder = assignee ?? (client.agents.length ? agents[rng.pick(client.agents)]! : agents[0]!);
    const id = rng.uuid();
    const createdAt = plan.createdAt[i]!;
    const count = plan.messages[i]!;

    // Message times: chat is fast, e-mail slow; squeezed into the time the conversation has existed.
    const meanGap = channel === 'chat' ? 2 * MINUTE : channel === 'phone' ? 20 * MINUTE : 5 * HOUR;
    const gaps = new Float64Array(count);
    let span = 0;
    for (let k = 1; k < count; k++) {
      gaps[k] = rng.exponential(meanGap) + 5_000;
      span += gaps[k]!;
    }
    const room = Math.max(MINUTE, now - createdAt - MINUTE);
    const scale = span > room ? room / span : 1;

    // Kinds: the customer opens; replies alternate with some notes and status changes; the last message
    // is the customer's when we owe an answer (open), ours otherwise.
    const waitingOnUs = status === 'open' && rng.chance(0.9);
    let at = createdAt;
    let firstResponse: number | null = null;
    let waitingSince: number | null = null;
    let lastBody = '';
    let side: 'in' | 'out' = 'in';
    for (let k = 0; k < count; k++) {
      at += gaps[k]! * scale;
      const isLast = k === count - 1;
      let kind: 'incoming' | 'outgoing' | 'note' | 'activity';
      if (k === 0) kind = 'incoming';
      else if (isLast) kind = waitingOnUs ? 'incoming' : 'outgoing';
      else {
        const r = rng.next();
        if (r < 0.1) kind = 'note';
        else if (r < 0.15) kind = 'activity';
        else {
          side = rng.chance(0.25) ? side : side === 'in' ? 'out' : 'in';
          kind = side === 'in' ? 'incoming' : 'outgoing';
        }
      }
      if (kind === 'incoming') {
        if (waitingSince === null) waitingSince = at;
      } else if (kind === 'outgoing') {
        waitingSince = null;
        firstResponse ??= at;
      }
      let body: string;
      let activity = NULL;
      let authorType: string;
      let authorId: string;
      let authorName: string;
      if (kind === 'activity') {
        const to = rng.pick(STATUSES);
        body = `Status changed to ${to}`;
        activity = `{"action":"status","to":"${to}"}`;
        authorType = 'system';
        authorId = NULL;
        authorName = 'System';
      } else {
        body = text.body(rng, language);
        if (kind === 'incoming') {
          authorType = 'contact';
          authorId = contactId;
          authorName = contactName;
        } else {
          authorType = 'agent';
          authorId = responder.id;
          authorName = responder.name;
        }
      }
      if (kind === 'incoming' || kind === 'outgoing') lastBody = body;
      const sourceId =
        channel === 'email' && (kind === 'incoming' || kind === 'outgoing') ? `<${rng.uuid()}@mail.bench.test>` : NULL;
      await msgs.row([
        rng.uuid(),
        client.id,
        id,
        kind,
        authorType,
        authorId,
        esc(authorName),
        esc(body),
        kind === 'note' ? 'f' : 't',
        activity,
        sourceId,
        language,
        ts(at),
      ]);
      progress.messages++;
    }
    const lastMessageAt = at;
    const resolvedAt = status === 'resolved' ? lastMessageAt + rng.exponential(HOUR) : null;
    const tags: string[] = [];
    if (rng.chance(0.3)) tags.push(rng.pick(TAGS));
    if (rng.chance(0.05)) tags.push(rng.pick(TAGS));
    await convs.row([
      id,
      client.id,
      String(plan.number[i]),
      client.inboxes[channel],
      contactId,
      channel,
      channel === 'email' ? esc(text.subject(rng, language)) : '',
      status,
      rng.weighted(PRIORITY_SHARE),
      rng.chance(0.8) ? '1' : rng.chance(0.75) ? '2' : '3',
      assignee ? assignee.id : NULL,
      ts(status === 'open' ? waitingSince : null),
      ts(firstResponse),
      ts(resolvedAt),
      ts(lastMessageAt),
      esc(lastBody.slice(0, 140)),
      rng.chance(0.03) ? '{time-sensitive}' : '{}',
      textArray([...new Set(tags)]),
      ts(createdAt),
      ts(resolvedAt ?? lastMessageAt),
    ]);
  }
}
