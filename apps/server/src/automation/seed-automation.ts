import type { CreateAutomationRuleRequest, MacroAction, RuleAction, RuleCondition } from '@switchboard/contracts';
import type { DbOrTx } from '../db/index.js';
import { automationRules, macros } from '../db/schema.js';

type RuleSeed = Omit<CreateAutomationRuleRequest, 'clientId' | 'conditions' | 'actions'> & {
  conditions: RuleCondition[];
  actions: RuleAction[];
};
type MacroSeed = { name: string; actions: MacroAction[]; replyTemplate: string };

const bothMessageEvents = ['conversation.created', 'message.received'] as CreateAutomationRuleRequest['events'];

const weekdays = [{ days: [1, 2, 3, 4, 5], from: '09:00', to: '17:00' }];

const rules: Record<string, RuleSeed[]> = {
  acme: [
    {
      name: 'Urgent words → urgent priority and emergency flag',
      events: bothMessageEvents,
      conditions: [{ type: 'words', op: 'contains_any', values: ['urgent', 'emergency', 'asap', 'immediately'] }],
      actions: [
        { type: 'set_priority', priority: 'urgent' },
        { type: 'set_flag', flag: 'emergency' },
        { type: 'notify', recipients: ['supervisors'], message: 'Urgent message from {{customer.name}}' },
      ],
    },
    {
      name: 'Refunds go to tier 2 with the billing tag',
      events: bothMessageEvents,
      conditions: [{ type: 'words', op: 'contains_any', values: ['refund', 'chargeback', 'money back'] }],
      actions: [{ type: 'add_tags', tags: ['billing'] }, { type: 'escalate_tier' }],
    },
    {
      name: 'After hours: tell the customer when we are back',
      events: ['conversation.created'],
      enabled: false,
      conditions: [
        { type: 'channel', op: 'is', values: ['email'] },
        { type: 'schedule', op: 'outside', windows: weekdays },
      ],
      actions: [
        {
          type: 'send_reply',
          body: 'Hi {{customer.first_name}},\n\nThanks for writing to {{client.name}}. Our team is back on weekdays from 9:00; we will answer you first thing.',
        },
        { type: 'add_tags', tags: ['after-hours'] },
      ],
    },
  ],
  golestan: [
    {
      name: 'کلمات فوری ← اولویت فوری و نشان اضطراری',
      events: bothMessageEvents,
      conditions: [{ type: 'words', op: 'contains_any', values: ['فوری', 'اضطراری', 'عجله', 'همین الان'] }],
      actions: [
        { type: 'set_priority', priority: 'urgent' },
        { type: 'set_flag', flag: 'emergency' },
        { type: 'notify', recipients: ['supervisors'], message: 'پیام فوری از {{customer.name}}' },
      ],
    },
    {
      name: 'شکایت ← سطح ۲',
      events: bothMessageEvents,
      conditions: [{ type: 'words', op: 'contains_any', values: ['شکایت', 'ناراضی', 'خراب'] }],
      actions: [{ type: 'add_tags', tags: ['شکایت'] }, { type: 'escalate_tier' }],
    },
  ],
};

const agencyRules: RuleSeed[] = [
  {
    name: 'SLA breached → urgent, supervisors told',
    events: ['sla.breached'],
    conditions: [],
    actions: [
      { type: 'set_priority', priority: 'urgent' },
      { type: 'notify', recipients: ['assignee', 'supervisors'], message: 'SLA breached on #{{conversation.number}}' },
    ],
  },
];

const clientMacros: Record<string, MacroSeed[]> = {
  acme: [
    {
      name: 'Refund approved',
      actions: [
        { type: 'add_tags', tags: ['refund'] },
        { type: 'set_status', status: 'pending' },
      ],
      replyTemplate:
        'Hi {{customer.first_name}},\n\nGood news: your refund is approved and will reach your card within 5 business days.\n\n{{agent.first_name}}, {{client.name}}',
    },
  ],
  golestan: [
    {
      name: 'ارسال دوباره سفارش',
      actions: [
        { type: 'add_tags', tags: ['ارسال-دوباره'] },
        { type: 'set_priority', priority: 'high' },
      ],
      replyTemplate:
        '{{customer.name}} عزیز،\n\nسفارش شما دوباره ارسال می‌شود و تا دو روز کاری به دستتان می‌رسد.\n\n{{agent.first_name}}، {{client.name}}',
    },
  ],
};

const agencyMacros: MacroSeed[] = [
  {
    name: 'Escalate to tier 2 for review',
    actions: [{ type: 'escalate_tier' }, { type: 'set_flag', flag: 'needs-review' }],
    replyTemplate: '',
  },
];

const ruleValues = (clientId: string | null, seeds: RuleSeed[]) =>
  seeds.map((rule, position) => ({
    clientId,
    agencyWide: clientId === null,
    name: rule.name,
    events: rule.events,
    conditions: rule.conditions,
    actions: rule.actions,
    enabled: rule.enabled ?? true,
    stopAfter: rule.stopAfter ?? false,
    position,
  }));

const macroValues = (clientId: string | null, seeds: MacroSeed[]) =>
  seeds.map((macro, position) => ({ clientId, agencyWide: clientId === null, ...macro, position }));

/** The demo's rules and macros for one client (by its demo slug), inside the seed's transaction. */
export async function seedAutomation(db: DbOrTx, options: { clientId: string; slug: string }): Promise<void> {
  const own = rules[options.slug] ?? [];
  if (own.length) await db.insert(automationRules).values(ruleValues(options.clientId, own));
  const ownMacros = clientMacros[options.slug] ?? [];
  if (ownMacros.length) await db.insert(macros).values(macroValues(options.clientId, ownMacros));
}

/** The demo's agency-wide rules and macros. */
export async function seedAgencyAutomation(db: DbOrTx): Promise<void> {
  await db.insert(automationRules).values(ruleValues(null, agencyRules));
  await db.insert(macros).values(macroValues(null, agencyMacros));
}
