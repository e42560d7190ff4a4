import type { CreateMacroRequest, Macro, UpdateMacroRequest } from '@switchboard/contracts';
import type { z } from 'zod';
import { recordAudit } from '../audit/index.js';
import type { Db } from '../db/index.js';
import { notFound } from '../platform/errors.js';
import type { Scope } from '../platform/scope.js';
import { toMacro } from './automation-dto.js';
import { deleteMacro as deleteMacroRow, insertMacro, updateMacro as updateMacroRow } from './automation-repository.js';
import { checkRuleReferences } from './check-rule-references.js';
import { assertOwnerInScope, macroOwnerFor } from './rule-owner.js';

export async function createMacro(db: Db, scope: Scope, input: z.output<typeof CreateMacroRequest>): Promise<Macro> {
  const clientId = assertOwnerInScope(scope, input.clientId, 'Client');
  return db.transaction(async (tx) => {
    await checkRuleReferences(tx, clientId, input.actions);
    const row = await insertMacro(tx, {
      clientId,
      agencyWide: clientId === null,
      name: input.name,
      actions: input.actions,
      replyTemplate: input.replyTemplate,
    });
    await recordAudit(tx, scope, {
      clientId,
      action: 'automation.macro_created',
      entity: 'macro',
      entityId: row.id,
      data: { name: row.name },
    });
    return toMacro(row);
  });
}

export async function updateMacro(
  db: Db,
  scope: Scope,
  macroId: string,
  input: z.output<typeof UpdateMacroRequest>,
): Promise<Macro> {
  return db.transaction(async (tx) => {
    const clientId = await macroOwnerFor(tx, scope, macroId);
    if (input.actions) await checkRuleReferences(tx, clientId, input.actions);
    const row = await updateMacroRow(tx, clientId, macroId, input);
    if (!row) throw notFound('Macro');
    await recordAudit(tx, scope, {
      clientId,
      action: 'automation.macro_updated',
      entity: 'macro',
      entityId: macroId,
      data: { changed: Object.keys(input) },
    });
    return toMacro(row);
  });
}

export async function deleteMacro(db: Db, scope: Scope, macroId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const clientId = await macroOwnerFor(tx, scope, macroId);
    if (!(await deleteMacroRow(tx, clientId, macroId))) throw notFound('Macro');
    await recordAudit(tx, scope, { clientId, action: 'automation.macro_deleted', entity: 'macro', entityId: macroId });
  });
}
