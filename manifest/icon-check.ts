// Icon rules (learn.microsoft.com …/design-teams-app-icon-store-appbar): colour 192×192; outline 32×32,
// white on a transparent background; the optional color32x32 is 32×32.
import { PNG } from 'pngjs';

const SIZES = { color: 192, outline: 32, color32x32: 32 } as const;
type IconKind = keyof typeof SIZES;

function decode(bytes: Buffer): PNG | undefined {
  try {
    return PNG.sync.read(bytes);
  } catch {
    return undefined;
  }
}

/** Anti-aliasing is fine through alpha; a visible pixel must still be white (a little tolerance for encoders). */
const isWhite = (r: number, g: number, b: number): boolean => r >= 240 && g >= 240 && b >= 240;

function outlineProblems(label: string, png: PNG): string[] {
  let transparent = 0;
  let visible = 0;
  let notWhite = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    const alpha = png.data[i + 3]!;
    if (alpha === 0) transparent += 1;
    else {
      visible += 1;
      if (!isWhite(png.data[i]!, png.data[i + 1]!, png.data[i + 2]!)) notWhite += 1;
    }
  }
  const problems: string[] = [];
  const pixels = png.width * png.height;
  if (transparent < pixels / 2)
    problems.push(`${label}: the outline icon needs a transparent background (${transparent} of ${pixels} pixels are transparent)`);
  if (visible === 0) problems.push(`${label}: the outline icon is empty (every pixel is transparent)`);
  if (notWhite > 0) problems.push(`${label}: the outline icon must be white; ${notWhite} visible pixels are not`);
  return problems;
}

/** Problems with one icon named in `icons.<kind>`; `bytes` undefined when the zip lacks the file. */
export function checkIcon(kind: IconKind, file: string, bytes: Buffer | undefined): string[] {
  const label = `icon ${file} (icons.${kind})`;
  if (!bytes) return [`${label}: not found at the root of the package`];
  const png = decode(bytes);
  if (!png) return [`${label}: not a readable PNG`];
  const size = SIZES[kind];
  const problems: string[] = [];
  if (png.width !== size || png.height !== size)
    problems.push(`${label}: is ${png.width}×${png.height}, must be ${size}×${size}`);
  if (kind === 'outline') problems.push(...outlineProblems(label, png));
  return problems;
}

export function isIconKind(key: string): key is IconKind {
  return key in SIZES;
}
