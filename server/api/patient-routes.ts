// GET /api/connection, GET /api/patients, GET /api/patients/:id (../shared/spec/api.md).
import { Router } from 'express';
import type { AuditEvent, Connection, PatientDetail, PatientSearchResult } from '../wire/contract.js';
import type { Ehr } from '../fhir/ehr.js';
import { userOf } from '../http/authenticate.js';
import { parseParams, parseQuery } from './parse.js';
import { patientIdParams, patientMoreQuery, patientSearchQuery } from './patient-schemas.js';

/** What the patient routes report for the audit trail: who did what, never names or search terms. */
export type PatientAuditEvent = Pick<AuditEvent, 'type' | 'tenantId' | 'userId' | 'patientId'>;

export interface PatientRoutesDeps {
  ehr: Ehr;
  /** The audit seam: called after a search or a patient view succeeded; awaited, so a failing audit fails the call. */
  onAudit?: (event: PatientAuditEvent) => void | Promise<void>;
}

export function patientRoutes({ ehr, onAudit }: PatientRoutesDeps): Router {
  const router = Router();
  const audit = async (event: PatientAuditEvent): Promise<void> => {
    if (onAudit) await onAudit(event);
  };

  router.get('/connection', async (_req, res) => {
    const body: Connection = await ehr.connection(userOf(res).tenantId);
    res.json(body);
  });

  router.get('/patients', async (req, res) => {
    const user = userOf(res);
    const body: PatientSearchResult =
      req.query.cursor === undefined
        ? await ehr.searchPatients(user.tenantId, parseQuery(patientSearchQuery, req.query))
        : await ehr.morePatients(user.tenantId, parseQuery(patientMoreQuery, req.query).cursor);
    await audit({ type: 'patient.search', tenantId: user.tenantId, userId: user.userId });
    res.json(body);
  });

  router.get('/patients/:id', async (req, res) => {
    const { id } = parseParams(patientIdParams, req.params);
    const user = userOf(res);
    const body: PatientDetail = await ehr.patientDetail(user.tenantId, id);
    await audit({ type: 'patient.viewed', tenantId: user.tenantId, userId: user.userId, patientId: id });
    res.json(body);
  });

  return router;
}
