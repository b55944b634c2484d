import { mkdtempSync, rmSync, statSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { subjectRefKeyFile, subjectRefOfConfig } from './platformKeys.ts';

const person = { kind: 'PERSON' as const, name: '张某', creditCode: null, idNumber: '650102198503122719' };

describe('the subject reference key (ADR 0008)', () => {
  const dirs: string[] = [];
  const dataDir = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'xianjie-keys-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('embedded without the variable: generated once in the data dir (0600), the same refs after a restart', () => {
    const dir = dataDir();
    const first = subjectRefOfConfig(loadConfig({ XIANJIE_DATA_DIR: dir }))(person);
    const file = path.join(dir, subjectRefKeyFile);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toMatch(/^[0-9a-f]{64}$/);
    expect(subjectRefOfConfig(loadConfig({ XIANJIE_DATA_DIR: dir }))(person)).toBe(first);
    // Another deployment (another data dir) has another key.
    expect(subjectRefOfConfig(loadConfig({ XIANJIE_DATA_DIR: dataDir() }))(person)).not.toBe(first);
  });

  it('with the variable: the same refs in every process that shares it, and no key file', () => {
    const key = 'a-subject-reference-key-of-32-characters';
    const dir = dataDir();
    const a = subjectRefOfConfig(loadConfig({ XIANJIE_DATA_DIR: dir, XIANJIE_SUBJECT_REF_KEY: key }))(person);
    const b = subjectRefOfConfig(loadConfig({ XIANJIE_DATA_DIR: dataDir(), XIANJIE_SUBJECT_REF_KEY: key }))(person);
    expect(a).toBe(b);
    expect(() => statSync(path.join(dir, subjectRefKeyFile))).toThrow();
  });
});
