// Fails when src/gql/ is not what `pnpm codegen` would write now (the schema or a query changed
// without regenerating): generates into a scratch directory and compares file by file.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const committed = 'src/gql';
const scratch = mkdtempSync(join(tmpdir(), 'xianjie-console-gql-'));
try {
  execFileSync('graphql-codegen', ['--config', 'codegen.ts', '--silent'], {
    stdio: 'inherit',
    env: { ...process.env, CODEGEN_OUT: `${scratch}/` },
  });
  const names = new Set([...readdirSync(committed), ...readdirSync(scratch)]);
  const stale = [...names].filter((name) => {
    const read = (dir: string) => {
      try {
        return readFileSync(join(dir, name), 'utf8');
      } catch {
        return null;
      }
    };
    return read(committed) !== read(scratch);
  });
  if (stale.length > 0) {
    console.error(`src/gql/ is stale (${stale.join(', ')}): run \`pnpm --filter @xianjie/console codegen\` and commit it`);
    process.exitCode = 1;
  } else {
    console.log('src/gql/ is up to date');
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
