import type { EscalationSettings, Locale, UpdateEscalationSettingsRequest } from '@switchboard/contracts';
import { recordAudit } from '../audit/index.js';
import type { Db, DbOrTx } from '../db/index.js';
import { assertClientInScope, type Scope } from '../platform/scope.js';
import { type EscalationContext, findSettings, upsertSettings } from './escalation-repository.js';
import { defaultNoticeTemplates, fillNotice, languageOf } from './escalation-texts.js';

/** A client's escalation settings; languages without their own template show the built-in text. */
export async function getEscalationSettings(db: DbOrTx, scope: Scope, clientId: string): Promise<EscalationSettings> {
  assertClientInScope(scope, clientId);
  const row = await findSettings(db, clientId);
  return {
    autoRelay: row?.autoRelay ?? false,
    noticeTemplates: {
      en: row?.noticeTemplates.en || defaultNoticeTemplates.en,
      fa: row?.noticeTemplates.fa || defaultNoticeTemplates.fa,
    },
  };
}

/** Admin: auto-relay on or off, and the customer notice per language (empty restores the built-in text). */
export async function updateEscalationSettings(
  db: Db,
  scope: Scope,
  clientId: string,
  input: UpdateEscalationSettingsRequest,
): Promise<EscalationSettings> {
  assertClientInScope(scope, clientId);
  await db.transaction(async (tx) => {
    const current = await findSettings(tx, clientId);
    const templates = { ...(current?.noticeTemplates ?? {}) };
    for (const language of ['en', 'fa'] as const) {
      const text = input.noticeTemplates?.[language];
      if (text === undefined) continue;
      if (text === '' || text === defaultNoticeTemplates[language]) delete templates[language];
      else templates[language] = text;
    }
    await upsertSettings(tx, clientId, {
      ...(input.autoRelay === undefined ? {} : { autoRelay: input.autoRelay }),
      noticeTemplates: templates,
    });
    await recordAudit(tx, scope, {
      clientId,
      action: 'escalation.settings_updated',
      entity: 'client',
      entityId: clientId,
      data: { autoRelay: input.autoRelay ?? null, templates: Object.keys(input.noticeTemplates ?? {}) },
    });
  });
  return getEscalationSettings(db, scope, clientId);
}

/** The notice the customer gets, from the client's template in the customer's language. */
export async function customerNoticeFor(db: DbOrTx, context: EscalationContext, hours: number) {
  const language: Locale = languageOf(context.contactLocale);
  const row = await findSettings(db, context.clientId);
  const template = row?.noticeTemplates[language] || defaultNoticeTemplates[language];
  return {
    language,
    text: fillNotice(template, { customer: context.contactName, client: context.clientName, hours }, language),
    autoRelay: row?.autoRelay ?? false,
  };
}

/** A public help page link that opens on the article's title. */
export const helpLink = (publicUrl: string, slug: string, item: { title: string; language: string }) =>
  `${publicUrl.replace(/\/+$/, '')}/help/${encodeURIComponent(slug)}?lang=${item.language}&q=${encodeURIComponent(item.title)}`;
