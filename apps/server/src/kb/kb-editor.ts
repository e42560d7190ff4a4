import type { Scope } from '../platform/scope.js';

/** Who saved a knowledge-base change: kept on every version. */
export type KbEditor = { scope: Scope | 'system'; name: string };

export const editorColumns = (editor: KbEditor) => ({
  editorKind: editor.scope === 'system' ? null : editor.scope.kind,
  editorId: editor.scope === 'system' ? null : editor.scope.userId,
  editorName: editor.name,
});
