import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { printedSchema } from '../schema.ts';

/** Writes schemas/schema.graphql; with --check, fails when the committed file is stale. */
const target = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../schemas/schema.graphql');
const sdl = printedSchema();
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // missing counts as stale
  }
  if (current !== sdl) {
    console.error(`schemas/schema.graphql is out of date with the gateway's schema: run \`pnpm schemas\` and commit it.`);
    process.exit(1);
  }
  console.log('schemas/schema.graphql is up to date');
} else {
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, sdl);
  console.log(`wrote ${path.relative(process.cwd(), target)}`);
}
