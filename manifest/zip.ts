// The app package: a zip with manifest.json and the icons at its root (learn.microsoft.com …/apps-package).
import JSZip from 'jszip';

/** File name → bytes, as they sit in the zip. */
export type PackageFiles = Map<string, Buffer>;

// A fixed date keeps the zip byte-for-byte reproducible for the same inputs.
const FIXED_DATE = new Date('2026-01-01T00:00:00Z');

export async function zipPackage(files: PackageFiles): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, bytes] of files) zip.file(name, bytes, { date: FIXED_DATE });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

/** Every file of a zip, by its full path inside the zip (folders themselves left out). */
export async function unzipPackage(bytes: Buffer): Promise<PackageFiles> {
  const zip = await JSZip.loadAsync(bytes);
  const files: PackageFiles = new Map();
  for (const entry of Object.values(zip.files)) {
    if (!entry.dir) files.set(entry.name, await entry.async('nodebuffer'));
  }
  return files;
}
