// Condition → ConditionSummary. The version adapters pick the recorded date (DSTU2 `dateRecorded`, STU3
// `assertedDate`, R4 `recordedDate`) and the clinical status (a code before R4, a CodeableConcept in R4).
import type { ConditionSummary } from '../../wire/contract.js';
import { asString, compact, type Json } from './json.js';
import { conceptText, narrativeText, period } from './read-common.js';

export const UNKNOWN_CONDITION = 'Unnamed condition';

export interface ConditionFields {
  recorded: string | undefined;
  clinicalStatus: string | undefined;
}

/** onset[x] as a date when it is one (dateTime, Period start), else its free text. */
function onsetOf(resource: Json): string | undefined {
  return (
    asString(resource['onsetDateTime']) ?? period(resource['onsetPeriod'])?.start ?? asString(resource['onsetString'])
  );
}

export function readCondition(resource: Json, fields: ConditionFields): ConditionSummary {
  return compact<ConditionSummary>({
    text: conceptText(resource['code']) ?? narrativeText(resource) ?? UNKNOWN_CONDITION,
    recorded: fields.recorded,
    onset: onsetOf(resource),
    severity: conceptText(resource['severity']),
    clinicalStatus: fields.clinicalStatus,
  });
}
