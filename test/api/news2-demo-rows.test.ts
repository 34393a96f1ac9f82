// NEWS2 over the demo EHR, through Rounds: the demo charts oxygen and responsiveness with every set of vitals, so a
// ward list's news2 rows carry complete scores (partial: false) in DSTU2, STU3 and R4 alike, and the patients whose
// oxygen or responsiveness is charted on paper keep partial ones that say what is missing.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { List, RowsResponse } from '../../server/wire/contract.js';
import { startListsAppOnDemoPartner, type ListsDemoApp } from '../support/lists-app.js';

let app: ListsDemoApp;
beforeAll(async () => {
  // Anchored on today (UTC), not the latest 08:00 passed: the newest vitals are then at most 20 hours old whatever
  // the hour the test runs, inside NEWS2's 24-hour window (before 08:00 some lie a few hours ahead, which it counts).
  app = await startListsAppOnDemoPartner({ anchorDate: new Date().toISOString().slice(0, 10) });
});
afterAll(() => app.close());

describe.each(['DSTU2', 'STU3', 'R4'] as const)('NEWS2 rows over the %s demo EHR', (version) => {
  test('most inpatients have a complete score; the partial ones say which parameters are missing', async () => {
    const tenant = app.demoPartner.tenants.find((t) => t.fhirVersion === version)!;
    const userId = app.demoPartner.users.find((u) => u.tenantId === tenant.tenantId)!.userId;
    const created = await app.call(userId, 'POST', '/api/lists', {
      name: 'Morning round',
      context: { kind: 'channel', id: `19:${randomUUID()}@thread.tacv2` },
      columns: ['name', 'vitals', 'news2'],
    });
    const list = created.body as List;
    const edges = new Set(Object.values(tenant.edgeCases));
    const inpatients = tenant.patientIds.filter((id) => !edges.has(id)).slice(0, 24);
    for (const patientId of inpatients) await app.call(userId, 'POST', `/api/lists/${list.id}/entries`, { patientId });
    const { rows } = (await app.call(userId, 'GET', `/api/lists/${list.id}/rows`)).body as RowsResponse;
    expect(rows).toHaveLength(inpatients.length);

    const complete = rows.filter((r) => r.news2?.partial === false);
    expect(complete.length).toBeGreaterThanOrEqual(inpatients.length * 0.75);
    for (const { news2 } of complete) {
      expect(news2!.missing).toEqual([]);
      expect(news2!.parameters.map((p) => p.name)).toEqual(expect.arrayContaining(['Supplemental oxygen', 'Consciousness']));
      expect(news2!.score).toBe(news2!.parameters.reduce((sum, p) => sum + p.points, 0));
    }
    const partial = rows.filter((r) => r.news2?.partial === true);
    expect(partial.length).toBeGreaterThan(0);
    for (const { news2 } of partial) expect(news2!.missing.length).toBeGreaterThan(0);
    // The level of responsiveness reaches the row as its words.
    expect(rows.flatMap((r) => r.vitals.filter((v) => v.code === '67775-7').map((v) => v.text))).toContain('Alert');
  });
});
