// Resource ids in the style of the tenant's EHR: Cerner-like numbers, Soarian-like dotted ids or UUIDs.
// Every id carries the tenant's own prefix or randomness, so ids never repeat across tenants.
import type { Prng } from '../prng.js';
import type { DemoTenantDefinition } from '../tenants.js';

export type IdKind =
  | 'Organization'
  | 'Practitioner'
  | 'Location'
  | 'Patient'
  | 'Encounter'
  | 'Condition'
  | 'Observation'
  | 'LabResult'
  | 'News2Observation'
  | 'AllergyIntolerance'
  | 'Medication'
  | 'Coverage';

const NUMERIC_BASE: Record<IdKind, number> = {
  Organization: 675800,
  Practitioner: 4122000,
  Location: 21250000,
  Patient: 12740000,
  Encounter: 97950000,
  Condition: 73077000,
  Observation: 197198000,
  // Laboratory Observations: a range of their own, far above the vital signs' (at most 2,000 × 96 of them).
  LabResult: 198600000,
  // Oxygen flow and level of responsiveness, added after the labs: above theirs (at most 2,000 × 7 × 10 of them).
  News2Observation: 198800000,
  AllergyIntolerance: 12760000,
  Medication: 309799000,
  Coverage: 490016000,
};

const DOTTED_TAG: Record<IdKind, string> = {
  Organization: 'ORG',
  Practitioner: 'PR',
  Location: 'LOC',
  Patient: 'PT',
  Encounter: 'ENC',
  Condition: 'CND',
  Observation: 'VS',
  LabResult: 'LAB',
  News2Observation: 'NEWS',
  AllergyIntolerance: 'ALG',
  Medication: 'RX',
  Coverage: 'COV',
};

export type IdMaker = (kind: IdKind) => string;

export function createIdMaker(tenant: DemoTenantDefinition, prng: Prng): IdMaker {
  const counters = new Map<IdKind, number>();
  const word = (): string =>
    Math.floor(prng.next() * 0x1_0000_0000)
      .toString(16)
      .padStart(8, '0');
  return (kind) => {
    const n = (counters.get(kind) ?? 0) + 1;
    counters.set(kind, n);
    switch (tenant.idStyle) {
      case 'numeric':
        return String(NUMERIC_BASE[kind] + n);
      case 'dotted':
        return `${tenant.mrnPrefix}${DOTTED_TAG[kind]}.${String(1000 + n)}`;
      case 'uuid': {
        // A version-4 UUID layout from four 32-bit draws.
        const [a, b, c, d] = [word(), word(), word(), word()];
        const variant = (8 + (parseInt(c[0] ?? '0', 16) % 4)).toString(16);
        return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
      }
    }
  };
}
