// GET /api/connection, GET /api/patients, GET /api/patients/:id (../shared/spec/api.md).
import { Router } from 'express';
import type { Connection, PatientDetail, PatientSearchResult } from '../wire/contract.js';
import type { Ehr } from '../fhir/ehr.js';
import { searchPatientsAsTyped } from '../fhir/patient-search.js';
import type { AuditLog, AuditRecord } from '../lists/audit.js';
import type { ListService } from '../lists/list-service.js';
import type { RowChanges } from '../lists/row-changes.js';
import { userOf } from '../http/authenticate.js';
import { parseParams, parseQuery } from './parse.js';
import { CRITERIA, patientDetailQuery, patientIdParams, patientMoreQuery, patientSearchQuery } from './patient-schemas.js';

export interface PatientRoutesDeps {
  ehr: Ehr;
  /** Where searches and views are recorded, after they succeeded and before they are answered. */
  audit?: AuditLog;
  /** With lists, a detail opened from a list (`?listId=`) is checked like the list itself. */
  lists?: ListService;
  /** With lists, a detail opened from a list marks that row seen by the user. */
  changes?: RowChanges;
}

export function patientRoutes({ ehr, audit, lists, changes }: PatientRoutesDeps): Router {
  const router = Router();
  const record = async (event: AuditRecord): Promise<void> => {
    if (audit) await audit.record(event);
  };

  router.get('/connection', async (_req, res) => {
    const body: Connection = await ehr.connection(userOf(res).tenantId);
    res.json(body);
  });

  router.get('/patients', async (req, res) => {
    const user = userOf(res);
    let body: PatientSearchResult;
    let criteria: string[];
    if (req.query.cursor === undefined) {
      const query = parseQuery(patientSearchQuery, req.query);
      criteria = CRITERIA.filter((key) => query[key] !== undefined);
      body = await searchPatientsAsTyped(ehr, user.tenantId, query);
    } else {
      criteria = ['cursor'];
      body = await ehr.morePatients(user.tenantId, parseQuery(patientMoreQuery, req.query).cursor);
    }
    await record({ type: 'patient.searched', tenantId: user.tenantId, userId: user.userId, criteria });
    res.json(body);
  });

  router.get('/patients/:id', async (req, res) => {
    const { id } = parseParams(patientIdParams, req.params);
    const { listId } = parseQuery(patientDetailQuery, req.query);
    const user = userOf(res);
    // Opened from a list: the list's own 404 for whoever may not see it, before the EHR is asked.
    const list = listId && lists ? await lists.get(user, listId) : undefined;
    const body: PatientDetail = await ehr.patientDetail(user.tenantId, id);
    // Opening a patient from a list marks that row seen by this user.
    if (list && changes) {
      const opened = list.entries.filter((entry) => entry.patientId === id).map((entry) => entry.id);
      await changes.markSeen(user.tenantId, list.id, user.userId, opened);
    }
    await record({
      type: 'patient.viewed',
      tenantId: user.tenantId,
      userId: user.userId,
      patientId: id,
      ...(list ? { listId: list.id, context: list.context } : {}),
    });
    res.json(body);
  });

  return router;
}
