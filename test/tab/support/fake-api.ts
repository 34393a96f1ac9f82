// A tiny Rounds API on a loopback port for the tab's component tests: the network boundary is
// real HTTP; the state is in memory; tests can hold answers (loading states) and inject failures.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Request, type Response } from 'express';
import type {
  ColumnId,
  Entry,
  List,
  ListSort,
  PatientDetail,
  PatientSummary,
  Row,
} from '../../../server/wire/contract.js';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  contentType?: string;
  authorization?: string;
}

interface Failure {
  method: string;
  path: RegExp;
  status: number;
  diagnostics: string;
  extra?: Record<string, unknown>;
}

export interface FakeApi {
  url: string;
  token: string;
  requests: RecordedRequest[];
  lists: List[];
  patients: PatientSummary[];
  details: Map<string, PatientDetail>;
  /** Rows the server answers for a patient id; entries without one get an empty row. */
  rowExtras: Map<string, Partial<Row>>;
  /** The next matching request answers this error (once). */
  failNext(method: string, path: RegExp, status: number, diagnostics: string, extra?: Record<string, unknown>): void;
  /** Matching requests wait until `release()` is called. */
  hold(method: string, path: RegExp): { release: () => void };
  addList(partial: Partial<List> & { name: string }): List;
  close(): Promise<void>;
}

const outcome = (diagnostics: string): object => ({
  resourceType: 'OperationOutcome',
  issue: [{ severity: 'error', code: 'processing', diagnostics }],
});

export async function startFakeApi(): Promise<FakeApi> {
  const app = express();
  app.use(express.json({ type: ['application/json', 'application/fhir+json'] }));
  app.use(express.text({ type: 'text/csv' }));
  const requests: RecordedRequest[] = [];
  const failures: Failure[] = [];
  const holds: { method: string; path: RegExp; waiting: (() => void)[]; released: boolean }[] = [];
  const lists: List[] = [];
  const patients: PatientSummary[] = [];
  const details = new Map<string, PatientDetail>();
  const rowExtras = new Map<string, Partial<Row>>();
  let nextId = 1;
  const now = (): string => new Date().toISOString();
  const token = 'test-token';

  const api: FakeApi = {
    url: '',
    token,
    requests,
    lists,
    patients,
    details,
    rowExtras,
    failNext: (method, path, status, diagnostics, extra) => failures.push({ method, path, status, diagnostics, extra }),
    hold: (method, path) => {
      const held = { method, path, waiting: [] as (() => void)[], released: false };
      holds.push(held);
      return {
        release: () => {
          held.released = true;
          held.waiting.splice(0).forEach((go) => go());
        },
      };
    },
    addList: (partial) => {
      const list: List = {
        id: `list-${nextId++}`,
        context: { kind: 'channel', id: '19:channel' },
        columns: ['name', 'mrn', 'age', 'location', 'conditions', 'vitals', 'note'],
        version: 1,
        entries: [],
        createdBy: 'Dr. Test',
        createdAt: now(),
        updatedAt: now(),
        ...partial,
      };
      lists.push(list);
      return list;
    },
    close: () => Promise.resolve(),
  };

  app.use(async (req, res, next) => {
    requests.push({
      method: req.method,
      path: req.path,
      query: req.query as Record<string, string>,
      body: req.body as unknown,
      contentType: req.headers['content-type'],
      authorization: req.headers.authorization,
    });
    if (req.headers.authorization !== `Bearer ${token}`) {
      res.status(401).json(outcome('Sign in first: no bearer token was sent'));
      return;
    }
    const held = holds.find((h) => !h.released && h.method === req.method && h.path.test(req.path));
    if (held) await new Promise<void>((go) => held.waiting.push(go));
    const index = failures.findIndex((f) => f.method === req.method && f.path.test(req.path));
    if (index >= 0) {
      const [failure] = failures.splice(index, 1);
      res.status(failure!.status).json({ ...outcome(failure!.diagnostics), ...failure!.extra });
      return;
    }
    next();
  });

  const listOf = (req: Request, res: Response): List | undefined => {
    const list = lists.find((l) => l.id === req.params.listId);
    if (!list) res.status(404).json(outcome('List not found'));
    return list;
  };
  const summary = (list: List): object => {
    const { entries, ...rest } = list;
    return { ...rest, size: entries.length };
  };

  app.get('/api/me', (_req, res) => {
    res.json({ tenantId: 't-1', userId: 'user-1', name: 'Dr. Test', username: 'test@example.org', isDemo: true });
  });
  app.get('/api/lists', (req, res) => {
    const { contextKind, contextId } = req.query as Record<string, string>;
    res.json({ lists: lists.filter((l) => l.context.kind === contextKind && l.context.id === contextId).map(summary) });
  });
  app.post('/api/lists', (req, res) => {
    const body = req.body as { name: string; context: List['context'] };
    res.status(201).json(api.addList({ name: body.name, context: body.context }));
  });
  // A CSV with a `name` column: names of known patients become their entries, the others manual ones.
  app.post('/api/lists/import', (req, res) => {
    const q = req.query as Record<string, string>;
    if (typeof req.body !== 'string') return void res.status(415).json(outcome('Send the list as text/csv'));
    const [header = '', ...lines] = req.body.split(/\r?\n/).filter((line) => line.trim());
    if (header.trim().toLowerCase() !== 'name') return void res.status(400).json(outcome('The CSV has no name column'));
    const list = api.addList({ name: q.name ?? 'Imported list', context: { kind: q.contextKind, id: q.contextId } as List['context'] });
    const keptAsManual: string[] = [];
    for (const [i, display] of lines.entries()) {
      const patient = patients.find((p) => p.name === display.trim());
      if (!patient) keptAsManual.push(`row ${i + 2} (${display.trim()})`);
      list.entries.push({
        id: `entry-${nextId++}`,
        ...(patient ? { patientId: patient.id } : { manual: { name: display.trim() } }),
        display: display.trim(),
        version: 1,
        addedBy: 'Dr. Test',
        addedAt: now(),
      });
    }
    res.status(201).json({ list, keptAsManual });
  });
  app.get('/api/lists/:listId', (req, res) => {
    const list = listOf(req, res);
    if (list) res.json(list);
  });
  app.patch('/api/lists/:listId', (req, res) => {
    const list = listOf(req, res);
    if (!list) return;
    const body = req.body as { version: number; name?: string; columns?: ColumnId[]; sort?: ListSort | null };
    if (body.version !== list.version) {
      res.status(409).json({ ...outcome(`version ${body.version} is stale`), current: list });
      return;
    }
    if (body.name !== undefined) list.name = body.name;
    if (body.columns !== undefined) list.columns = body.columns;
    if (body.sort === null) delete list.sort;
    else if (body.sort !== undefined) list.sort = body.sort;
    list.version += 1;
    res.json(list);
  });
  app.post('/api/lists/:listId/seen', (req, res) => {
    if (!listOf(req, res)) return;
    res.status(204).end();
  });
  app.delete('/api/lists/:listId', (req, res) => {
    const list = listOf(req, res);
    if (!list) return;
    lists.splice(lists.indexOf(list), 1);
    res.status(204).end();
  });
  app.get('/api/lists/:listId/rows', (req, res) => {
    const list = listOf(req, res);
    if (!list) return;
    const rows: Row[] = list.entries.map((entry) => ({
      entryId: entry.id,
      display: entry.display,
      manual: entry.manual,
      patient: patients.find((p) => p.id === entry.patientId),
      note: entry.note,
      conditions: [],
      vitals: [],
      labs: [],
      allergies: [],
      medications: [],
      coverage: [],
      issues: [],
      changes: [],
      ...(entry.patientId ? rowExtras.get(entry.patientId) : undefined),
    }));
    res.json({ rows, fetchedAt: now() });
  });
  app.post('/api/lists/:listId/entries', (req, res) => {
    const list = listOf(req, res);
    if (!list) return;
    const body = req.body as { patientId?: string; manual?: Entry['manual'] };
    const patient = patients.find((p) => p.id === body.patientId);
    if (body.patientId && !patient) {
      res.status(400).json(outcome('patientId: no such patient in the EHR'));
      return;
    }
    const entry: Entry = {
      id: `entry-${nextId++}`,
      patientId: body.patientId,
      manual: body.manual,
      display: patient?.name ?? body.manual?.name ?? '',
      version: 1,
      addedBy: 'Dr. Test',
      addedAt: now(),
    };
    list.entries.push(entry);
    res.status(201).json(entry);
  });
  app.delete('/api/lists/:listId/entries/:entryId', (req, res) => {
    const list = listOf(req, res);
    if (!list) return;
    list.entries = list.entries.filter((e) => e.id !== req.params.entryId);
    res.status(204).end();
  });
  app.put('/api/lists/:listId/entries/:entryId/note', (req, res) => {
    const list = listOf(req, res);
    const entry = list?.entries.find((e) => e.id === req.params.entryId);
    if (!entry) {
      res.status(404).json(outcome('Entry not found'));
      return;
    }
    const body = req.body as { text: string; version: number };
    if (body.version !== entry.version) {
      res.status(409).json({ ...outcome(`version ${body.version} is stale`), current: entry });
      return;
    }
    entry.note = body.text.trim() ? { text: body.text, author: 'Dr. Test', updatedAt: now() } : undefined;
    entry.version += 1;
    res.json(entry);
  });
  // Pages of a search: the criteria of the last search, and an opaque cursor that names the next offset.
  let lastSearch: Record<string, string> = {};
  const cursorOf = (offset: number): string => `page${String(offset).padStart(12, '0')}`;
  app.get('/api/patients', (req, res) => {
    let q = req.query as Record<string, string>;
    let offset = 0;
    if (q.cursor) {
      offset = Number(/^page(\d{12})$/.exec(q.cursor)?.[1] ?? Number.NaN);
      if (Number.isNaN(offset)) return void res.status(400).json(outcome('cursor: is unknown or has expired; search again'));
      q = lastSearch;
    } else lastSearch = q;
    const count = Number(q.count ?? 20);
    const found = patients.filter(
      (p) =>
        (!q.name || p.name.toLowerCase().includes(q.name.toLowerCase())) &&
        (!q.mrn || p.mrn === q.mrn) &&
        (!q.birthdate || p.birthDate === q.birthdate) &&
        (!q.gender || p.gender === q.gender),
    );
    const next = offset + count < found.length ? { next: cursorOf(offset + count) } : {};
    res.json({ patients: found.slice(offset, offset + count), total: found.length, ...next });
  });
  app.get('/api/patients/:id', (req, res) => {
    const detail = details.get(req.params.id);
    if (detail) res.json(detail);
    else res.status(404).json(outcome('Patient not found'));
  });
  app.get('/api/lists/:listId/export', (req, res) => {
    const list = listOf(req, res);
    if (!list) return;
    res
      .type('text/csv')
      .set('Content-Disposition', `attachment; filename="${list.name}.csv"`)
      .send(`name\n${list.entries.map((e) => e.display).join('\n')}\n`);
  });

  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  api.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  api.close = () =>
    new Promise<void>((done) => {
      holds.forEach((h) => h.waiting.splice(0).forEach((go) => go()));
      server.close(() => done());
      server.closeAllConnections();
    });
  return api;
}
