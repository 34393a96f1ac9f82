// The hospital around the patients: its organization, the payors, its practitioners and its wards,
// rooms and beds.
import type { Prng } from '../prng.js';
import type { DemoTenantDefinition } from '../tenants.js';
import { PAYORS } from './clinical.js';
import type { IdMaker } from './ids.js';
import type { DemoLocation, DemoOrganization, DemoPractitioner, Gender } from './model.js';
import { PRACTITIONER_FAMILY, PRACTITIONER_GIVEN } from './names.js';

export interface Ward {
  location: DemoLocation;
  attendingIds: string[];
  /** Beds in order of allocation. */
  beds: DemoLocation[];
}

export interface Facility {
  provider: DemoOrganization;
  payors: DemoOrganization[];
  practitioners: DemoPractitioner[];
  generalPractitionerIds: string[];
  locations: DemoLocation[];
  wards: Ward[];
}

const ATTENDINGS_PER_WARD = 2;
const GENERAL_PRACTITIONERS = 6;
const BEDS_PER_ROOM = 2;

export function buildFacility(
  tenant: DemoTenantDefinition,
  bedsPerWard: number,
  prng: Prng,
  nextId: IdMaker,
): Facility {
  const provider: DemoOrganization = { id: nextId('Organization'), name: tenant.name, kind: 'provider' };
  const payors = PAYORS.map((p): DemoOrganization => ({ id: nextId('Organization'), name: p.name, kind: 'payer' }));

  const practitionerNames = prng.sample(
    PRACTITIONER_FAMILY.flatMap((family) => PRACTITIONER_GIVEN.map((given) => ({ family, given }))),
    tenant.wards.length * ATTENDINGS_PER_WARD + GENERAL_PRACTITIONERS,
  );
  const practitioners = practitionerNames.map(({ family, given }, index): DemoPractitioner => ({
    id: nextId('Practitioner'),
    name: { family, given: [given], prefix: ['Dr.'], suffix: ['MD'] },
    gender: prng.pick<Gender>(['female', 'male']),
    npi: String(1_000_000_000 + prng.int(0, 899_999_999)),
    role: index < tenant.wards.length * ATTENDINGS_PER_WARD ? 'attending' : 'general-practitioner',
  }));
  const attendings = practitioners.filter((p) => p.role === 'attending');

  const locations: DemoLocation[] = [];
  const wards = tenant.wards.map((wardName, wardIndex): Ward => {
    const ward: DemoLocation = { id: nextId('Location'), kind: 'ward', name: wardName, isOccupied: false };
    locations.push(ward);
    const beds: DemoLocation[] = [];
    const rooms = Math.ceil(bedsPerWard / BEDS_PER_ROOM);
    // Rooms are numbered after the ward's floor or number when its name has one: "4 West" → 401, 402 …
    const floor = /\d+/.exec(wardName)?.[0] ?? String(wardIndex + 1);
    for (let r = 0; r < rooms; r += 1) {
      const roomNumber = `${floor}${String(r + 1).padStart(2, '0')}`;
      const room: DemoLocation = {
        id: nextId('Location'),
        kind: 'room',
        name: `${wardName}, Room ${roomNumber}`,
        partOfId: ward.id,
        isOccupied: false,
      };
      locations.push(room);
      for (let b = 0; b < BEDS_PER_ROOM; b += 1) {
        const bed: DemoLocation = {
          id: nextId('Location'),
          kind: 'bed',
          name: `${room.name}, Bed ${String.fromCharCode(65 + b)}`,
          partOfId: room.id,
          isOccupied: false,
        };
        locations.push(bed);
        beds.push(bed);
      }
    }
    const attendingIds = attendings
      .slice(wardIndex * ATTENDINGS_PER_WARD, (wardIndex + 1) * ATTENDINGS_PER_WARD)
      .map((p) => p.id);
    return { location: ward, attendingIds, beds };
  });

  return {
    provider,
    payors,
    practitioners,
    generalPractitionerIds: practitioners.filter((p) => p.role === 'general-practitioner').map((p) => p.id),
    locations,
    wards,
  };
}
