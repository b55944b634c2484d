/** One PostgreSQL schema per test file or run, so suites never see each other's rows. */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** `prefix_<time>_<random>`: lower-case, a valid unquoted identifier, at most 63 characters. */
export const uniqueSchema = (prefix = 'test'): string => {
  const base = prefix
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_')
    .replace(/^([^a-z_])/, '_$1');
  const suffix = `${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  return `${base.slice(0, 63 - suffix.length - 1)}_${suffix}`;
};

/** Drops the schema and everything in it (no error when it does not exist). */
export const dropSchema = async (url: string, schema: string): Promise<void> => {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema))
    throw new Error(`refusing to drop unexpected schema name "${schema}"`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
};
