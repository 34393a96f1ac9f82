import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, test } from 'vitest';
import { ACCENT_RGB, renderColorIcon, renderOutlineIcon } from '../../manifest/icons.js';
import { checkIcon } from '../../manifest/icon-check.js';

const MANIFEST_DIR = join(import.meta.dirname, '..', '..', 'manifest');
const pixels = (bytes: Buffer): PNG => PNG.sync.read(bytes);

describe('the app icons', () => {
  test('the committed PNGs are what icons.ts draws', () => {
    expect(pixels(readFileSync(join(MANIFEST_DIR, 'color.png'))).data).toEqual(pixels(renderColorIcon()).data);
    expect(pixels(readFileSync(join(MANIFEST_DIR, 'outline.png'))).data).toEqual(pixels(renderOutlineIcon()).data);
  });

  test('pass the icon checks', () => {
    expect(checkIcon('color', 'color.png', renderColorIcon())).toEqual([]);
    expect(checkIcon('outline', 'outline.png', renderOutlineIcon())).toEqual([]);
  });

  test('the colour icon is opaque, full bleed, and keeps its logo inside the 120×120 safe area', () => {
    const png = pixels(renderColorIcon());
    const at = (x: number, y: number): number[] => [...png.data.subarray((y * 192 + x) * 4, (y * 192 + x) * 4 + 4)];
    const background = [...ACCENT_RGB, 255].join();
    const offBackground: string[] = [];
    let translucent = 0;
    for (let y = 0; y < 192; y += 1)
      for (let x = 0; x < 192; x += 1) {
        if (at(x, y)[3] !== 255) translucent += 1;
        const isOutsideSafeArea = x < 36 || y < 36 || x >= 156 || y >= 156;
        if (isOutsideSafeArea && at(x, y).join() !== background) offBackground.push(`${x},${y}`);
      }
    expect(translucent).toBe(0);
    expect(offBackground).toEqual([]);
    expect(at(96, 96)).toEqual([255, 255, 255, 255]);
  });
});
