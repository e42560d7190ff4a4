import {
  CreateKbCategoryRequest,
  CreateKbItemRequest,
  HelpArticle,
  HelpPage,
  HelpSearchQuery,
  ImportKbDocumentRequest,
  KbCategory,
  KbItem,
  KbItemDetail,
  KbItemQuery,
  KbSearchHit,
  KbSuggestions,
  KbTree,
  SaveReplyAsAnswerRequest,
  SuggestionUse,
  UpdateKbCategoryRequest,
  UpdateKbItemRequest,
} from '@switchboard/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { agencyScopeOf, principalOf } from '../auth/index.js';
import type { Db } from '../db/index.js';
import { assertClientInScope } from '../platform/scope.js';
import { createKbItem } from './create-kb-item.js';
import { deleteKbCategory } from './delete-kb-category.js';
import { getKbItem } from './get-kb-item.js';
import { getHelpPage, searchHelpPage } from './help-page.js';
import { importKbDocument } from './import-kb-document.js';
import type { KbEditor } from './kb-editor.js';
import { listKbTree, searchKbItems } from './list-kb-tree.js';
import { createKbCategory, updateKbCategory } from './manage-kb-categories.js';
import { recordSuggestionUse } from './record-suggestion-use.js';
import { saveReplyAsAnswer } from './save-reply-as-answer.js';
import { suggestAnswers } from './suggest-answers.js';
import { updateKbItem } from './update-kb-item.js';

const ClientParams = z.object({ clientId: z.uuid() });
const ItemParams = ClientParams.extend({ itemId: z.uuid() });
const CategoryParams = ClientParams.extend({ categoryId: z.uuid() });
const SlugParams = z.object({ slug: z.string().min(1).max(80) });

/**
 * The knowledge base. A client's own users and the agency staff who serve that client edit it
 * (`/clients/:clientId/kb/...`, any signed-in caller whose scope holds the client); agents get
 * suggestions on the desk; anyone reads the public help page.
 */
export async function kbRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['knowledge base'];
  const config = { access: 'signed-in' as const };

  /** The client named in the path, if the caller may touch it; otherwise 404. */
  const clientOf = (request: FastifyRequest, clientId: string) => {
    assertClientInScope(principalOf(request).scope, clientId);
    return clientId;
  };
  const editorOf = (request: FastifyRequest): KbEditor => {
    const principal = principalOf(request);
    return { scope: principal.scope, name: principal.me.name };
  };

  r.get('/clients/:clientId/kb', {
    config,
    schema: {
      tags,
      summary: 'The Q&A tree: categories and items',
      params: ClientParams,
      querystring: KbItemQuery,
      response: { 200: KbTree },
    },
    handler: async (request) => listKbTree(db, clientOf(request, request.params.clientId), request.query),
  });

  r.get('/clients/:clientId/kb/search', {
    config,
    schema: {
      tags,
      summary: 'Search the knowledge base (typo tolerant)',
      params: ClientParams,
      querystring: KbItemQuery,
      response: { 200: z.array(KbSearchHit) },
    },
    handler: async (request) => searchKbItems(db, clientOf(request, request.params.clientId), request.query),
  });

  r.post('/clients/:clientId/kb/categories', {
    config,
    schema: {
      tags,
      summary: 'Add a category',
      params: ClientParams,
      body: CreateKbCategoryRequest,
      response: { 201: KbCategory },
    },
    handler: async (request, reply) => {
      const clientId = clientOf(request, request.params.clientId);
      const category = await createKbCategory(db, { clientId, editor: editorOf(request), input: request.body });
      return reply.status(201).send(category);
    },
  });

  r.patch('/clients/:clientId/kb/categories/:categoryId', {
    config,
    schema: {
      tags,
      summary: 'Rename or move a category',
      params: CategoryParams,
      body: UpdateKbCategoryRequest,
      response: { 200: KbCategory },
    },
    handler: async (request) =>
      updateKbCategory(db, {
        clientId: clientOf(request, request.params.clientId),
        categoryId: request.params.categoryId,
        editor: editorOf(request),
        input: request.body,
      }),
  });

  r.delete('/clients/:clientId/kb/categories/:categoryId', {
    config,
    schema: {
      tags,
      summary: 'Delete a category (its items and sub-categories move up to its parent)',
      params: CategoryParams,
      response: { 204: z.null() },
    },
    handler: async (request, reply) => {
      await deleteKbCategory(db, {
        clientId: clientOf(request, request.params.clientId),
        categoryId: request.params.categoryId,
        editor: editorOf(request),
      });
      return reply.status(204).send(null);
    },
  });

  r.post('/clients/:clientId/kb/items', {
    config,
    schema: {
      tags,
      summary: 'Add an answer, article, canned reply or call script',
      params: ClientParams,
      body: CreateKbItemRequest,
      response: { 201: KbItem },
    },
    handler: async (request, reply) => {
      const clientId = clientOf(request, request.params.clientId);
      const item = await db.transaction((tx) =>
        createKbItem(tx, { clientId, editor: editorOf(request), input: request.body }),
      );
      return reply.status(201).send(item);
    },
  });

  r.get('/clients/:clientId/kb/items/:itemId', {
    config,
    schema: {
      tags,
      summary: 'An item with its versions and language variants',
      params: ItemParams,
      response: { 200: KbItemDetail },
    },
    handler: async (request) => getKbItem(db, clientOf(request, request.params.clientId), request.params.itemId),
  });

  r.patch('/clients/:clientId/kb/items/:itemId', {
    config,
    schema: {
      tags,
      summary: 'Edit an item (saved as a new version)',
      params: ItemParams,
      body: UpdateKbItemRequest,
      response: { 200: KbItem },
    },
    handler: async (request) =>
      updateKbItem(db, {
        clientId: clientOf(request, request.params.clientId),
        itemId: request.params.itemId,
        editor: editorOf(request),
        input: request.body,
      }),
  });

  r.post('/clients/:clientId/kb/import', {
    config,
    bodyLimit: 15 * 1024 * 1024,
    schema: {
      tags,
      summary: 'Import one Markdown, HTML or Word document',
      params: ClientParams,
      body: ImportKbDocumentRequest,
      response: { 201: KbItem },
    },
    handler: async (request, reply) => {
      const clientId = clientOf(request, request.params.clientId);
      const item = await importKbDocument(db, { clientId, editor: editorOf(request), input: request.body });
      return reply.status(201).send(item);
    },
  });

  r.post('/clients/:clientId/kb/from-reply', {
    config: { access: 'agency' as const },
    schema: {
      tags,
      summary: 'Save a reply an agent sent as an answer',
      params: ClientParams,
      body: SaveReplyAsAnswerRequest,
      response: { 201: KbItem },
    },
    handler: async (request, reply) => {
      const item = await saveReplyAsAnswer(db, {
        clientId: request.params.clientId,
        scope: agencyScopeOf(request),
        editor: editorOf(request),
        input: request.body,
      });
      return reply.status(201).send(item);
    },
  });

  r.get('/conversations/:conversationId/suggestions', {
    config: { access: 'agency' as const },
    schema: {
      tags,
      summary: "Answers for the customer's latest message, placeholders filled",
      params: z.object({ conversationId: z.uuid() }),
      response: { 200: KbSuggestions },
    },
    handler: async (request) =>
      suggestAnswers(db, {
        scope: agencyScopeOf(request),
        agentName: principalOf(request).me.name,
        conversationId: request.params.conversationId,
      }),
  });

  r.post('/conversations/:conversationId/suggestions/:itemId/use', {
    config: { access: 'agency' as const },
    schema: {
      tags,
      summary: 'Record that a suggestion was inserted into a reply',
      params: z.object({ conversationId: z.uuid(), itemId: z.uuid() }),
      response: { 200: SuggestionUse },
    },
    handler: async (request) =>
      recordSuggestionUse(db, {
        scope: agencyScopeOf(request),
        conversationId: request.params.conversationId,
        itemId: request.params.itemId,
      }),
  });

  r.get('/help/:slug', {
    config: { access: 'public' as const },
    schema: { tags, summary: "A client's public help page", params: SlugParams, response: { 200: HelpPage } },
    handler: async (request) => getHelpPage(db, request.params.slug),
  });

  r.get('/help/:slug/articles', {
    config: { access: 'public' as const },
    schema: {
      tags,
      summary: 'Search the public help page',
      params: SlugParams,
      querystring: HelpSearchQuery,
      response: { 200: z.array(HelpArticle) },
    },
    handler: async (request) => searchHelpPage(db, request.params.slug, request.query),
  });
}
