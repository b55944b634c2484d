/**
 * kafkajs stays inside the Kafka adapter: only `kafkaBus.ts` and `kafkaLogger.ts` import it, and the
 * declarations of the public surface (what `tsc --declaration` would emit for `src/index.ts` and
 * everything it re-exports) never mention it, so a consumer of @xianjie/messaging never sees a
 * kafkajs type.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('../src', import.meta.url));
const adapterFiles = ['kafkaBus.ts', 'kafkaLogger.ts'];

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(path.join(dir, entry.name)) : entry.name.endsWith('.ts') ? [path.join(dir, entry.name)] : [],
  );

describe('the kafkajs boundary', () => {
  it('only the Kafka adapter files import kafkajs', () => {
    const importers = sourceFiles(src)
      .filter((file) => /from 'kafkajs'|import\('kafkajs'\)|require\('kafkajs'\)/.test(readFileSync(file, 'utf8')))
      .map((file) => path.relative(src, file))
      .sort();
    expect(importers).toEqual(adapterFiles);
  });

  it('no declaration of the public surface mentions a kafkajs type', () => {
    const program = ts.createProgram([path.join(src, 'index.ts')], {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      strict: true,
      skipLibCheck: true,
      allowImportingTsExtensions: true,
      declaration: true,
      emitDeclarationOnly: true,
      removeComments: true,
      types: ['node'],
    });
    const declarations = new Map<string, string>();
    program.emit(undefined, (fileName, text) => declarations.set(fileName, text));
    // kafkaLogger.ts is the adapter's own helper and index.ts re-exports nothing from it.
    const ours = [...declarations].filter(([fileName]) => fileName.startsWith(src) && !fileName.endsWith('kafkaLogger.d.ts'));
    expect(ours.map(([fileName]) => path.basename(fileName))).toContain('kafkaBus.d.ts');
    const leaking = ours.filter(([, text]) => text.includes('kafkajs')).map(([fileName]) => path.relative(src, fileName));
    expect(leaking).toEqual([]);
  });
});
