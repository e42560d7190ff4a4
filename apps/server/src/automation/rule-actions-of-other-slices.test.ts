import type { ConversationDetail } from '@switchboard/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, signIn } from '../../test/app.js';
import { type EmailKit, sql, startEmailKit } from '../email/email-test-kit.js';

/** The app registers automation with the other slices' work: routing chooses, escalation asks the client. */
describe('rule actions that belong to other slices', () => {
  let k: EmailKit;
  let owner: Session;
  let agent: Session;

  beforeAll(async () => {
    k = await startEmailKit();
    owner = await signIn(k.app, k.agency.owner.email);
    agent = await signIn(k.app, k.agency.northAgent.email);
    const rule = await owner.request({
      method: 'POST',
      url: '/api/v1/automation/rules',
      payload: {
        clientId: k.agency.north.id,
        name: 'Warranty questions',
        events: ['conversation.created'],
        conditions: [{ type: 'words', op: 'contains_any', values: ['warranty'] }],
        actions: [
          { type: 'assign_automatically' },
          { type: 'escalate_to_client', question: 'Does the warranty cover this?' },
        ],
      },
    });
    expect(rule.statusCode).toBe(201);
  });
  afterAll(() => k.stop());

  const send = (id: string) =>
    k.send(
      [
        'From: Dana Reed <dana@example.com>',
        'To: North Gear Support <support@north.test>',
        `Subject: Broken zip ${id}`,
        `Message-ID: <${id}@example.com>`,
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Is my jacket still under warranty?',
        '',
      ].join('\r\n'),
    );
  const conversationOf = async (id: string) => {
    const [row] = await k.rows<{ conversation_id: string }>(
      sql`SELECT conversation_id FROM messages WHERE source_id = ${`<${id}@example.com>`}`,
    );
    const response = await owner.request({ method: 'GET', url: `/api/v1/conversations/${row!.conversation_id}` });
    return response.json() as ConversationDetail;
  };

  it('leaves the conversation in the queue while nobody is online, and says why on the timeline', async () => {
    expect((await send('offline-1')).code).toBe(250);
    const conversation = await conversationOf('offline-1');
    expect(conversation.assignee).toBeNull();
    expect(conversation.messages.map((m) => m.bodyText)).toContain(
      'Rule "Warranty questions": left in the queue: no-eligible-agent',
    );
  });

  it('assigns to the online agent routing chooses and opens an escalation to the client', async () => {
    const online = await agent.request({ method: 'PUT', url: '/api/v1/me/presence', payload: { presence: 'online' } });
    expect(online.statusCode).toBeLessThan(300);
    expect((await send('online-1')).code).toBe(250);
    const conversation = await conversationOf('online-1');
    expect(conversation.assignee?.id).toBe(k.agency.northAgent.id);
    const escalations = await k.rows<{ question: string; status: string }>(
      sql`SELECT question, status FROM escalations WHERE conversation_id = ${conversation.id}`,
    );
    expect(escalations).toEqual([{ question: 'Does the warranty cover this?', status: 'open' }]);
  });
});
