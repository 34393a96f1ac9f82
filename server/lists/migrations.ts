// Versioned schema migrations, one SQL file per step and dialect: migrations/<dialect>/NNN_name.sql.
// Each store applies the ones its `schema_migrations` table has not recorded, at start-up.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../paths.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Beside this file in the sources; the build copies them to dist/server/migrations. */
export const MIGRATIONS_DIR =
  [join(import.meta.dirname, 'migrations'), join(PROJECT_ROOT, 'dist', 'server', 'migrations')].find((dir) => existsSync(dir)) ??
  join(import.meta.dirname, 'migrations');

const FILE_NAME = /^(\d{3})_([a-z0-9_]+)\.sql$/;

export function readMigrations(dialect: 'sqlite' | 'postgres', dir: string = MIGRATIONS_DIR): Migration[] {
  const folder = join(dir, dialect);
  const migrations = readdirSync(folder)
    .map((file) => ({ file, match: FILE_NAME.exec(file) }))
    .filter((f): f is { file: string; match: RegExpExecArray } => f.match !== null)
    .map(({ file, match }) => ({
      version: Number(match[1]),
      name: match[2] ?? file,
      sql: readFileSync(join(folder, file), 'utf8'),
    }))
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration ${folder}: expected version ${i + 1}, found ${m.version}`);
  });
  return migrations;
}
