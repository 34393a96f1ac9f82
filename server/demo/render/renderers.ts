// The demo's one choice of FHIR version: which renderer shapes a tenant's data.
import type { FhirVersion } from '../../wire/contract.js';
import { dstu2Renderer } from './dstu2.js';
import type { DemoRenderer } from './renderer.js';
import { r4Renderer } from './r4.js';
import { stu3Renderer } from './stu3.js';

const RENDERERS: Record<FhirVersion, DemoRenderer> = { DSTU2: dstu2Renderer, STU3: stu3Renderer, R4: r4Renderer };

export function rendererFor(version: FhirVersion): DemoRenderer {
  return RENDERERS[version];
}
