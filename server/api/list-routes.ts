// The lists API of api.md: each handler parses, calls a service, sends. Errors go to the one handler.
import express, { Router, type Request, type Response } from 'express';
import { ApiError, badRequest } from '../errors.js';
import { userOf } from '../http/authenticate.js';
import type { ListService } from '../lists/list-service.js';
import type { EntryService } from '../lists/entries.js';
import type { ListRowsService } from '../lists/list-rows-service.js';
import type { ImportService } from '../lists/import.js';
import type { ExportService } from '../lists/export-service.js';
import type { ParsedImport } from '../lists/import-candidate.js';
import { parseCsvImport } from '../lists/import-csv.js';
import { parseFhirImport } from '../lists/import-fhir.js';
import { isNotModified, sendJsonWithEtag } from '../http/etag.js';
import { VIEWED_AT_HEADER, type RowsResponse } from '../wire/contract.js';
import { parseBody, parseParams, parseQuery } from './parse.js';
import {
  addEntryBody,
  contextQuery,
  createListBody,
  entryParams,
  exportQuery,
  rowsQuery,
  importQuery,
  listIdParams,
  noteBody,
  patchListBody,
  seenBody,
} from './list-schemas.js';

/** Aborts when the response closes before it was sent: the client is gone (or it timed out). */
function requestEnded(res: Response): AbortSignal {
  const ended = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) ended.abort();
  });
  return ended.signal;
}

export interface ListRouteDeps {
  lists: ListService;
  entries: EntryService;
  listRows: ListRowsService;
  imports: ImportService;
  exports: ExportService;
}

/** The same limit as the JSON parser of /api: beyond it, 413. */
const IMPORT_BODY_LIMIT = '1mb';

function parseImportBody(req: Request): ParsedImport {
  if (req.is('text/csv')) {
    if (typeof req.body !== 'string') throw badRequest('The CSV body could not be read');
    return parseCsvImport(req.body);
  }
  if (req.is(['application/json', 'application/fhir+json'])) return parseFhirImport(req.body);
  throw new ApiError(415, 'not-supported', 'Send the list as text/csv, application/fhir+json or application/json');
}

export function listRoutes(deps: ListRouteDeps): Router {
  const { lists, entries, listRows, imports, exports } = deps;
  const router = Router();

  router.get('/lists', async (req, res) => {
    const { context } = parseQuery(contextQuery, req.query);
    res.json({ lists: await lists.forContext(userOf(res), context) });
  });

  router.post('/lists', async (req, res) => {
    res.status(201).json(await lists.create(userOf(res), parseBody(createListBody, req.body)));
  });

  router.post('/lists/import', express.text({ type: 'text/csv', limit: IMPORT_BODY_LIMIT }), async (req, res) => {
    const target = parseQuery(importQuery, req.query);
    const parsed = parseImportBody(req);
    res.status(201).json(await imports.import(userOf(res), target, parsed, requestEnded(res)));
  });

  router.get('/lists/:listId', async (req, res) => {
    res.json(await lists.open(userOf(res), parseParams(listIdParams, req.params).listId));
  });

  router.patch('/lists/:listId', async (req, res) => {
    const { listId } = parseParams(listIdParams, req.params);
    res.json(await lists.update(userOf(res), listId, parseBody(patchListBody, req.body)));
  });

  router.delete('/lists/:listId', async (req, res) => {
    await lists.remove(userOf(res), parseParams(listIdParams, req.params).listId);
    res.status(204).end();
  });

  router.post('/lists/:listId/entries', async (req, res) => {
    const { listId } = parseParams(listIdParams, req.params);
    const body = parseBody(addEntryBody, req.body);
    const input = body.manual ? { manual: body.manual } : { patientId: body.patientId ?? '' };
    res.status(201).json(await entries.add(userOf(res), listId, input));
  });

  router.delete('/lists/:listId/entries/:entryId', async (req, res) => {
    const { listId, entryId } = parseParams(entryParams, req.params);
    await entries.remove(userOf(res), listId, entryId);
    res.status(204).end();
  });

  router.put('/lists/:listId/entries/:entryId/note', async (req, res) => {
    const { listId, entryId } = parseParams(entryParams, req.params);
    res.json(await entries.setNote(userOf(res), listId, entryId, parseBody(noteBody, req.body)));
  });

  router.get('/lists/:listId/rows', async (req, res) => {
    const { listId } = parseParams(listIdParams, req.params);
    const { fresh } = parseQuery(rowsQuery, req.query);
    const isUnchanged = (body: RowsResponse): boolean => isNotModified(req, body, 'rows');
    const { body, viewedAt } = await listRows.open(userOf(res), listId, { isFresh: fresh, isUnchanged });
    res.set(VIEWED_AT_HEADER, viewedAt);
    sendJsonWithEtag(req, res, body, 'rows');
  });

  // "Mark as seen": these rows (or the whole list) as this user was last shown them.
  router.post('/lists/:listId/seen', async (req, res) => {
    const { listId } = parseParams(listIdParams, req.params);
    await listRows.markSeen(userOf(res), listId, parseBody(seenBody, req.body ?? {}));
    res.status(204).end();
  });

  router.get('/lists/:listId/export', async (req, res) => {
    const { listId } = parseParams(listIdParams, req.params);
    const { format, lang } = parseQuery(exportQuery, req.query);
    const exported = await exports.export(userOf(res), listId, format, lang);
    res.attachment(exported.fileName).type(exported.contentType).send(exported.body);
  });

  return router;
}
