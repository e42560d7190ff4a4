import type {
  ApplyMacroResult,
  AutomationRule,
  AutomationRun,
  ConversationDetail,
  Macro,
} from '@switchboard/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, signIn } from '../../test/app.js';
import { testReactions } from '../../test/reactions.js';
import { type EmailKit, sql, startEmailKit } from '../email/email-test-kit.js';
import { runAutomations } from './run-automations.js';

/** An e-mail as a customer's mail client sends it; base64 so Persian survives any relay. */
const email = (options: { id: string; subject: string; body: string; from?: string; inReplyTo?: string }) =>
  [
    `From: Maryam Ahmadi <${options.from ?? 'maryam@example.ir'}>`,
    'To: North Gear Support <support@north.test>',
    `Subject: =?UTF-8?B?${Buffer.from(options.subject).toString('base64')}?=`,
    `Message-ID: <${options.id}@example.ir>`,
    ...(options.inReplyTo ? [`In-Reply-To: <${options.inReplyTo}@example.ir>`] : []),
    'Date: Mon, 2 Mar 2026 08:30:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from(options.body).toString('base64'),
    '',
  ].join('\r\n');

describe('automation rules run with the event, exactly once', () => {
  let k: EmailKit;
  let owner: Session;
  let agent: Session;
  let urgentRule: AutomationRule;

  beforeAll(async () => {
    k = await startEmailKit();
    owner = await signIn(k.app, k.agency.owner.email);
    agent = await signIn(k.app, k.agency.northAgent.email);
    const response = await owner.request({
      method: 'POST',
      url: '/api/v1/automation/rules',
      payload: {
        clientId: k.agency.north.id,
        name: 'Urgent words',
        events: ['conversation.created', 'message.received'],
        conditions: [
          { type: 'channel', op: 'is', values: ['email'] },
          { type: 'words', op: 'contains_any', values: ['urgent', 'فوری'] },
        ],
        actions: [
          { type: 'set_priority', priority: 'urgent' },
          { type: 'set_flag', flag: 'emergency' },
          { type: 'notify', recipients: ['supervisors'], message: 'Urgent mail from {{customer.name}}' },
          { type: 'send_reply', body: 'Dear {{customer.first_name}}, we are on it — {{client.name}}' },
        ],
      },
    });
    expect(response.statusCode).toBe(201);
    urgentRule = response.json() as AutomationRule;
  });
  afterAll(() => k.stop());

  const conversationBySource = async (id: string) => {
    const [row] = await k.rows<{ conversation_id: string }>(
      sql`SELECT conversation_id FROM messages WHERE source_id = ${`<${id}@example.ir>`}`,
    );
    return row!.conversation_id;
  };
  const detail = async (conversationId: string) =>
    (
      await owner.request({ method: 'GET', url: `/api/v1/conversations/${conversationId}` })
    ).json() as ConversationDetail;
  const runsOf = (conversationId: string) =>
    k.rows<{ rule_name: string; event: string; outcome: string; depth: number }>(
      sql`SELECT rule_name, event, outcome, depth FROM automation_runs WHERE conversation_id = ${conversationId} ORDER BY created_at`,
    );

  it('an incoming e-mail with a Persian keyword triggers the rule in the same transaction', async () => {
    const sent = await k.send(email({ id: 'p1', subject: 'سفارش ۱۰۴۲', body: 'سلام، لطفا فوری جواب بدهید.' }));
    expect(sent.code).toBe(250);
    const conversationId = await conversationBySource('p1');
    const conversation = await detail(conversationId);
    expect(conversation.priority).toBe('urgent');
    expect(conversation.flags).toEqual(['emergency']);
    const timeline = conversation.messages.filter((m) => m.kind === 'activity').map((m) => m.bodyText);
    expect(timeline).toEqual([
      'Rule "Urgent words": changed priority normal → urgent',
      'Rule "Urgent words": set flags: emergency',
      'Rule "Urgent words": notified Olive Owner, Sam Supervisor',
    ]);
    // The automatic reply goes out through the outbox like an agent's, placeholders filled…
    const reply = conversation.messages.find((m) => m.kind === 'outgoing')!;
    expect(reply.bodyText).toBe('Dear Maryam, we are on it — North Gear');
    const deliveries = await k.rows<{ to_address: string; body_text: string }>(
      sql`SELECT to_address, body_text FROM email_deliveries WHERE conversation_id = ${conversationId} AND kind = 'reply'`,
    );
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]!.to_address).toBe('maryam@example.ir');
    // …but, like an auto-acknowledgement, it is not the first response: the customer still waits for a person.
    expect(conversation.firstResponseAt).toBeNull();
    expect(conversation.waitingSince).not.toBeNull();
    expect(await runsOf(conversationId)).toEqual([
      { rule_name: 'Urgent words', event: 'conversation.created', outcome: 'applied', depth: 0 },
    ]);
    const notified = await k.rows<{ email: string; text: string }>(
      sql`SELECT u.email, n.text FROM desk_notifications n JOIN agency_users u ON u.id = n.recipient_id
        WHERE n.conversation_id = ${conversationId} ORDER BY u.email`,
    );
    expect(notified).toEqual([
      { email: 'owner@agency.test', text: 'Urgent mail from Maryam Ahmadi' },
      { email: 'super@agency.test', text: 'Urgent mail from Maryam Ahmadi' },
    ]);
    const audit = await k.rows<{ action: string }>(
      sql`SELECT action FROM audit_log WHERE entity_id = ${conversationId} AND action LIKE 'automation.%'`,
    );
    expect(audit).toEqual([{ action: 'automation.rule_ran' }]);
  });

  it('a redelivered e-mail, or the same event handled again elsewhere, does not run the rule twice', async () => {
    await k.send(email({ id: 'p2', subject: 'Pump', body: 'URGENT: the pump is leaking' }));
    const again = await k.send(email({ id: 'p2', subject: 'Pump', body: 'URGENT: the pump is leaking' }));
    expect(again.code).toBe(250);
    const conversationId = await conversationBySource('p2');
    const [message] = await k.rows<{ id: string }>(
      sql`SELECT id FROM messages WHERE conversation_id = ${conversationId} AND kind = 'incoming'`,
    );
    // A second process (or a retried job) raising the same event: both wait on the same unique key.
    const event = {
      type: 'conversation.created' as const,
      clientId: k.agency.north.id,
      conversationId,
      messageId: message!.id,
    };
    const results = await Promise.all(
      [1, 2].map(() =>
        k.database.db.transaction((tx) => runAutomations(tx, event, { deps: {}, reactions: testReactions })),
      ),
    );
    expect(results.map((r) => r.runs)).toEqual([0, 0]);
    expect(await runsOf(conversationId)).toHaveLength(1);
    const activity = await k.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM messages WHERE conversation_id = ${conversationId} AND kind = 'activity'`,
    );
    expect(activity[0]!.n).toBe(3);

    // A new event raised by two processes at once: one claims the run, the other finds it claimed.
    const [next] = await k.rows<{ id: string }>(
      sql`INSERT INTO messages (client_id, conversation_id, kind, author_type, author_name, body_text)
        VALUES (${k.agency.north.id}, ${conversationId}, 'incoming', 'contact', 'Maryam', 'urgent again')
        RETURNING id`,
    );
    const racing = await Promise.all(
      [1, 2].map(() =>
        k.database.db.transaction((tx) =>
          runAutomations(
            tx,
            { ...event, type: 'message.received', messageId: next!.id },
            { deps: {}, reactions: testReactions },
          ),
        ),
      ),
    );
    expect(racing.map((r) => r.runs).sort()).toEqual([0, 1]);
    expect(await runsOf(conversationId)).toHaveLength(2);
  });

  it('runs again for the customer’s next message, but answers them at most once an hour', async () => {
    await k.send(email({ id: 'p3', subject: 'Re: Pump', body: 'Still urgent!', inReplyTo: 'p2' }));
    const conversationId = await conversationBySource('p3');
    expect(conversationId).toBe(await conversationBySource('p2'));
    const runs = await runsOf(conversationId);
    expect(runs.map((r) => [r.event, r.outcome])).toEqual([
      ['conversation.created', 'applied'],
      ['message.received', 'applied'],
      // Priority and flag already set; the notification is new; the reply is held back.
      ['message.received', 'applied'],
    ]);
    const replies = await k.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM email_deliveries WHERE conversation_id = ${conversationId} AND kind = 'reply'`,
    );
    expect(replies[0]!.n).toBe(1);
    const [run] = await k.rows<{ results: { action: string; text: string }[] }>(
      sql`SELECT results FROM automation_runs WHERE conversation_id = ${conversationId} AND event = 'message.received'
        ORDER BY created_at DESC LIMIT 1`,
    );
    expect(run!.results.find((r) => r.action === 'send_reply')!.text).toBe(
      'already answered by this rule within the hour',
    );
  });

  it('a message without the words leaves the conversation alone', async () => {
    await k.send(email({ id: 'p4', subject: 'Catalogue', body: 'Could you send me your catalogue?' }));
    const conversationId = await conversationBySource('p4');
    expect((await detail(conversationId)).priority).toBe('normal');
    expect(await runsOf(conversationId)).toEqual([]);
  });

  it('a rule’s own assignment does not trigger it again, and two rules cannot ping-pong forever', async () => {
    const { north, northAgent, supervisor } = k.agency;
    await k.database.db.execute(
      sql`INSERT INTO agent_clients (client_id, agent_id) VALUES (${north.id}, ${supervisor.id})`,
    );
    const make = async (name: string, agentId: string) =>
      (
        await owner.request({
          method: 'POST',
          url: '/api/v1/automation/rules',
          payload: {
            clientId: north.id,
            name,
            events: ['assignment.changed'],
            actions: [
              { type: 'assign_agent', agentId },
              { type: 'add_tags', tags: [name] },
            ],
          },
        })
      ).json() as AutomationRule;
    const toSupervisor = await make('to-supervisor', supervisor.id);
    const toAgent = await make('to-agent', northAgent.id);
    const conversationId = north.conversationId;
    const response = await agent.request({
      method: 'PATCH',
      url: `/api/v1/conversations/${conversationId}`,
      payload: { assigneeId: northAgent.id },
    });
    expect(response.statusCode).toBe(200);
    const runs = await runsOf(conversationId);
    // The agent's assignment runs both rules once; to-supervisor's assignment runs to-agent once more
    // (depth 1); to-agent's answer does not run to-supervisor again, and nothing runs itself.
    expect(runs.map((r) => [r.rule_name, r.depth])).toEqual([
      ['to-supervisor', 0],
      ['to-agent', 1],
      ['to-agent', 0],
    ]);
    const conversation = await detail(conversationId);
    expect(conversation.assignee?.id).toBe(northAgent.id);
    expect(conversation.tags.sort()).toEqual(['to-agent', 'to-supervisor']);
    for (const rule of [toSupervisor, toAgent]) {
      await owner.request({ method: 'PATCH', url: `/api/v1/automation/rules/${rule.id}`, payload: { enabled: false } });
    }
  });

  it('a failing action is written on the timeline; the message is stored and the other actions run', async () => {
    const { north, northAgent, southAgent } = k.agency;
    const refused = await owner.request({
      method: 'POST',
      url: '/api/v1/automation/rules',
      payload: {
        clientId: north.id,
        name: 'Wrong agent',
        events: ['conversation.created'],
        actions: [{ type: 'assign_agent', agentId: southAgent.id }],
      },
    });
    expect(refused.statusCode).toBe(400);
    const created = await owner.request({
      method: 'POST',
      url: '/api/v1/automation/rules',
      payload: {
        clientId: north.id,
        name: 'Orders to Nora',
        events: ['conversation.created'],
        conditions: [{ type: 'words', op: 'contains_any', values: ['invoice'] }],
        actions: [
          { type: 'assign_agent', agentId: northAgent.id },
          { type: 'add_tags', tags: ['invoices'] },
        ],
      },
    });
    expect(created.statusCode).toBe(201);
    // Nora stops serving North after the rule was saved.
    await k.database.db.execute(
      sql`DELETE FROM agent_clients WHERE client_id = ${north.id} AND agent_id = ${northAgent.id}`,
    );
    const sent = await k.send(email({ id: 'p5', subject: 'Invoice', body: 'Please resend the invoice' }));
    expect(sent.code).toBe(250);
    const conversationId = await conversationBySource('p5');
    const conversation = await detail(conversationId);
    expect(conversation.assignee).toBeNull();
    expect(conversation.tags).toEqual(['invoices']);
    expect(conversation.messages.map((m) => m.bodyText)).toContain(
      'Rule "Orders to Nora": could not assign agent: That agent does not serve this client.',
    );
    expect((await runsOf(conversationId)).map((r) => r.outcome)).toEqual(['failed']);
    await k.database.db.execute(
      sql`INSERT INTO agent_clients (client_id, agent_id) VALUES (${north.id}, ${northAgent.id})`,
    );
  });

  it('lists runs newest first for managers, and refuses agents', async () => {
    const runs = (
      await owner.request({ method: 'GET', url: `/api/v1/automation/runs?ruleId=${urgentRule.id}` })
    ).json() as AutomationRun[];
    expect(runs.map((r) => r.event)).toEqual([
      'message.received',
      'message.received',
      'conversation.created',
      'conversation.created',
    ]);
    expect(runs[0]!.results.map((r) => r.action)).toEqual(['set_priority', 'set_flag', 'notify', 'send_reply']);
    const refused = await agent.request({ method: 'GET', url: '/api/v1/automation/rules' });
    expect(refused.statusCode).toBe(403);
  });

  it('reorders a client’s rules and refuses an incomplete order', async () => {
    const rules = (
      await owner.request({ method: 'GET', url: `/api/v1/automation/rules?clientId=${k.agency.north.id}` })
    ).json() as AutomationRule[];
    const reversed = rules.map((r) => r.id).reverse();
    const response = await owner.request({
      method: 'PUT',
      url: '/api/v1/automation/rules/order',
      payload: { clientId: k.agency.north.id, ruleIds: reversed },
    });
    expect(response.statusCode).toBe(200);
    expect((response.json() as AutomationRule[]).map((r) => r.id)).toEqual(reversed);
    const partial = await owner.request({
      method: 'PUT',
      url: '/api/v1/automation/rules/order',
      payload: { clientId: k.agency.north.id, ruleIds: reversed.slice(1) },
    });
    expect(partial.statusCode).toBe(400);
  });

  it('an agent applies a macro: actions on the timeline, the reply template filled for the reply box', async () => {
    const created = await owner.request({
      method: 'POST',
      url: '/api/v1/automation/macros',
      payload: {
        clientId: k.agency.north.id,
        name: 'Refund approved',
        actions: [
          { type: 'add_tags', tags: ['refund'] },
          { type: 'set_status', status: 'pending' },
        ],
        replyTemplate: 'Hi {{customer.first_name}}, your refund is on its way. {{agent.first_name}}',
      },
    });
    expect(created.statusCode).toBe(201);
    const macro = created.json() as Macro;
    const conversationId = await conversationBySource('p4');
    const offered = (
      await agent.request({ method: 'GET', url: `/api/v1/conversations/${conversationId}/macros` })
    ).json() as Macro[];
    expect(offered.map((m) => m.name)).toContain('Refund approved');
    const applied = await agent.request({
      method: 'POST',
      url: `/api/v1/conversations/${conversationId}/macros/${macro.id}/apply`,
    });
    expect(applied.statusCode).toBe(200);
    expect(applied.json()).toEqual({
      draft: 'Hi Maryam, your refund is on its way. Nora',
      applied: ['changed status open → pending', 'set tags: refund'],
    } satisfies ApplyMacroResult);
    const conversation = await detail(conversationId);
    expect(conversation.status).toBe('pending');
    expect(conversation.messages.filter((m) => m.kind === 'activity').map((m) => m.bodyText)).toEqual([
      'Nora North applied macro "Refund approved"',
      'Nora North changed status open → pending',
      'Nora North set tags: refund',
    ]);
    // Another client's conversation cannot take it.
    const foreign = await owner.request({
      method: 'POST',
      url: `/api/v1/conversations/${k.agency.south.conversationId}/macros/${macro.id}/apply`,
    });
    expect(foreign.statusCode).toBe(404);
  });
});
