// Validates an app package offline, as Teams would receive it: the zip's manifest.json against Microsoft's
// schema for its manifestVersion, our own rules (rules.ts) and the icons it names. Lists every problem.
import { checkIcon, isIconKind } from './icon-check.js';
import { checkRules, type Expectations, type Findings } from './rules.js';
import { checkAgainstSchema } from './schema-check.js';
import { unzipPackage, type PackageFiles } from './zip.js';

export type { Expectations, Findings } from './rules.js';

function readManifest(files: PackageFiles): Record<string, unknown> | string {
  const bytes = files.get('manifest.json');
  if (!bytes) {
    const nested = [...files.keys()].find((name) => name.endsWith('/manifest.json'));
    return nested
      ? `manifest.json is at ${nested}: it must be at the root of the package`
      : 'manifest.json: not found at the root of the package';
  }
  try {
    const parsed: unknown = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    return 'manifest.json: is not a JSON object';
  } catch (error) {
    return `manifest.json: is not valid JSON (${(error as Error).message})`;
  }
}

function iconProblems(manifest: Record<string, unknown>, files: PackageFiles): string[] {
  const icons = manifest.icons;
  if (typeof icons !== 'object' || icons === null) return [];
  return Object.entries(icons as Record<string, unknown>).flatMap(([kind, file]) =>
    isIconKind(kind) && typeof file === 'string' ? checkIcon(kind, file, files.get(file)) : [],
  );
}

export async function validatePackageFiles(files: PackageFiles, expected: Expectations): Promise<Findings> {
  const manifest = readManifest(files);
  if (typeof manifest === 'string') return { problems: [manifest], warnings: [] };
  const rules = checkRules(manifest, expected);
  return {
    problems: [...(await checkAgainstSchema(manifest)), ...iconProblems(manifest, files), ...rules.problems],
    warnings: rules.warnings,
  };
}

export async function validatePackage(zip: Buffer, expected: Expectations): Promise<Findings> {
  let files: PackageFiles;
  try {
    files = await unzipPackage(zip);
  } catch (error) {
    return { problems: [`the package is not a readable zip (${(error as Error).message})`], warnings: [] };
  }
  return validatePackageFiles(files, expected);
}
