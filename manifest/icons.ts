// The two app icons Teams needs (learn.microsoft.com …/concepts/design/design-teams-app-icon-store-appbar):
// a 192×192 full-bleed colour icon with the logo inside the central 120×120 safe area, and a 32×32 outline
// icon, white on a transparent background. Drawn from code so they can be regenerated and checked.
import { PNG } from 'pngjs';

export const COLOR_ICON = { file: 'color.png', size: 192, safeArea: 120 } as const;
export const OUTLINE_ICON = { file: 'outline.png', size: 32, margin: 2 } as const;

/** The accent colour of the manifest, as RGB. */
export const ACCENT_RGB: readonly [number, number, number] = [0x0b, 0x6a, 0x77];

type Point = readonly [number, number];

/** Signed distance from p to a rounded rectangle (negative inside). */
function roundedRect(p: Point, centre: Point, half: Point, radius: number): number {
  const qx = Math.abs(p[0] - centre[0]) - half[0] + radius;
  const qy = Math.abs(p[1] - centre[1]) - half[1] + radius;
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  return outside + Math.min(Math.max(qx, qy), 0) - radius;
}

/**
 * The logo in a unit square: a clipboard (the rounding sheet) with a medical cross. `stroke` is the
 * board's line width in units, so the small outline icon can use a relatively thicker line.
 */
function logoCovers(p: Point, stroke: number): boolean {
  const board = roundedRect(p, [0.5, 0.55], [0.36, 0.42], 0.09);
  const clip = roundedRect(p, [0.5, 0.14], [0.17, 0.08], 0.04);
  const crossBar = roundedRect(p, [0.5, 0.56], [0.2, 0.065], 0.02);
  const crossPost = roundedRect(p, [0.5, 0.56], [0.065, 0.2], 0.02);
  return Math.abs(board) <= stroke / 2 || clip <= 0 || crossBar <= 0 || crossPost <= 0;
}

const SUPERSAMPLE = 4;

/** Coverage (0…1) of the logo over one pixel of a `size`-pixel logo box, by 4×4 supersampling. */
function coverage(px: number, py: number, size: number, stroke: number): number {
  let hits = 0;
  for (let sy = 0; sy < SUPERSAMPLE; sy += 1) {
    for (let sx = 0; sx < SUPERSAMPLE; sx += 1) {
      const u = (px + (sx + 0.5) / SUPERSAMPLE) / size;
      const v = (py + (sy + 0.5) / SUPERSAMPLE) / size;
      if (logoCovers([u, v], stroke)) hits += 1;
    }
  }
  return hits / (SUPERSAMPLE * SUPERSAMPLE);
}

function paint(size: number, pixel: (x: number, y: number) => [number, number, number, number]): Buffer {
  const png = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const [r, g, b, a] = pixel(x, y);
      const i = (y * size + x) * 4;
      png.data[i] = r;
      png.data[i + 1] = g;
      png.data[i + 2] = b;
      png.data[i + 3] = a;
    }
  }
  return PNG.sync.write(png);
}

/** 192×192, opaque accent background, white logo in the central safe area. */
export function renderColorIcon(): Buffer {
  const { size, safeArea } = COLOR_ICON;
  const offset = (size - safeArea) / 2;
  return paint(size, (x, y) => {
    const inLogo = x >= offset && y >= offset && x < offset + safeArea && y < offset + safeArea;
    const c = inLogo ? coverage(x - offset, y - offset, safeArea, 0.07) : 0;
    const mix = (channel: number): number => Math.round(channel + (255 - channel) * c);
    return [mix(ACCENT_RGB[0]), mix(ACCENT_RGB[1]), mix(ACCENT_RGB[2]), 255];
  });
}

/** 32×32, transparent background, the logo in white (anti-aliased through alpha only, so it stays white). */
export function renderOutlineIcon(): Buffer {
  const { size, margin } = OUTLINE_ICON;
  const box = size - 2 * margin;
  return paint(size, (x, y) => {
    const inLogo = x >= margin && y >= margin && x < margin + box && y < margin + box;
    const c = inLogo ? coverage(x - margin, y - margin, box, 0.08) : 0;
    return c === 0 ? [0, 0, 0, 0] : [255, 255, 255, Math.round(255 * c)];
  });
}
