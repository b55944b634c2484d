import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

/**
 * The README's commands cannot rot: every `pnpm <script>` it names is a script of the root
 * package (or pnpm's own install), and the commands a newcomer types after `pnpm start` run as
 * written. (`pnpm token` once resolved to pnpm's own registry command: hence `dev-token`.)
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const scripts = Object.keys((JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);
const run = promisify(execFile);

/** The `pnpm <word>` commands inside the README's code (fenced blocks and inline code). */
const pnpmCommands = (): string[] => {
  const code = [...readme.matchAll(/```[a-z]*\n([\s\S]*?)```/g), ...readme.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]!);
  return [...new Set(code.flatMap((c) => [...c.matchAll(/\bpnpm ([a-z][a-z:-]*)/g)].map((m) => m[1]!)))];
};

describe('the README commands', () => {
  it('names only scripts the root package has (or pnpm install)', () => {
    const named = pnpmCommands();
    expect(named).toEqual(expect.arrayContaining(['start', 'test', 'dev-token', 'start:distributed', 'kafka:up']));
    expect(named.filter((c) => c !== 'install' && !scripts.includes(c))).toEqual([]);
  });

  it('`pnpm dev-token --list` lists the demo users and `--user` prints a token', async () => {
    const list = await run('pnpm', ['dev-token', '--list'], { cwd: root });
    expect(list.stdout).toMatch(/u-amr-650100-officer\s+帕丽旦·热合曼/);
    const token = await run('pnpm', ['dev-token', '--user', 'u-amr-650100-officer'], { cwd: root });
    // pnpm prints the script's header first; the token is the last line.
    expect(token.stdout.trim().split('\n').at(-1)).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  }, 60_000);

  it('a service started alone without its servers stops, naming the variable', async () => {
    const started = run(process.execPath, [path.join(root, 'services/police/src/main.ts')], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', XIANJIE_MODE: 'distributed' },
    });
    await expect(started).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/police: invalid configuration[\s\S]*XIANJIE_STORE/) });
  }, 60_000);
});
