import {
  type AutomationEventType,
  type AutomationRule,
  type AutomationRun,
  type DeskNotification,
  type Macro,
  MacroAction,
  RuleAction,
  RuleCondition,
} from '@switchboard/contracts';
import { z } from 'zod';
import type { MacroRow, NotificationRow, RuleRow, RunListRow } from './automation-repository.js';

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

// What is stored was validated on the way in; a row that no longer parses (an older shape) shows as empty.
const parsedList = <T extends z.ZodType>(schema: T, value: unknown): z.infer<T>[] => {
  const parsed = z.array(schema).safeParse(value);
  return parsed.success ? parsed.data : [];
};

export const toRule = (row: RuleRow): AutomationRule => ({
  id: row.id,
  clientId: row.clientId,
  name: row.name,
  events: row.events as AutomationEventType[],
  conditions: parsedList(RuleCondition, row.conditions),
  actions: parsedList(RuleAction, row.actions),
  enabled: row.enabled,
  position: row.position,
  stopAfter: row.stopAfter,
  runCount: row.runCount,
  lastRunAt: iso(row.lastRunAt),
  updatedAt: iso(row.updatedAt)!,
});

export const toRun = (row: RunListRow): AutomationRun => ({
  id: row.id,
  clientId: row.clientId,
  ruleId: row.ruleId,
  ruleName: row.ruleName,
  event: row.event as AutomationEventType,
  conversation: { id: row.conversationId, number: Number(row.conversationNumber), subject: row.conversationSubject },
  outcome: row.outcome as AutomationRun['outcome'],
  results: row.results,
  createdAt: iso(row.createdAt)!,
});

export const toMacro = (row: MacroRow): Macro => ({
  id: row.id,
  clientId: row.clientId,
  name: row.name,
  actions: parsedList(MacroAction, row.actions),
  replyTemplate: row.replyTemplate,
  position: row.position,
  updatedAt: iso(row.updatedAt)!,
});

export const toNotification = (row: NotificationRow): DeskNotification => ({
  id: row.id,
  clientId: row.clientId,
  conversation: { id: row.conversationId, number: Number(row.conversationNumber), subject: row.conversationSubject },
  text: row.text,
  readAt: iso(row.readAt),
  createdAt: iso(row.createdAt)!,
});
