// Regenerates the committed icons from icons.ts: `npx tsx manifest/write-icons.ts`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { COLOR_ICON, OUTLINE_ICON, renderColorIcon, renderOutlineIcon } from './icons.js';

const ICON_DIR = import.meta.dirname;

writeFileSync(join(ICON_DIR, COLOR_ICON.file), renderColorIcon());
writeFileSync(join(ICON_DIR, OUTLINE_ICON.file), renderOutlineIcon());
process.stdout.write(`wrote ${COLOR_ICON.file} and ${OUTLINE_ICON.file} in ${ICON_DIR}\n`);
