// Types of eslint.layers.js (plain JavaScript, as ESLint loads its configuration), for the test that checks it.
import type { Linter } from 'eslint';

export interface LayerZone {
  target: string | string[];
  from: string | string[];
  except?: string[];
  message: string;
}

export function layerZones(root: string): LayerZone[];
export function layeringConfig(root: string): Linter.Config[];
