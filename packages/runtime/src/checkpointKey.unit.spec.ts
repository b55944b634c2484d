import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCheckpointKey } from './checkpointKey.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'xianjie-key-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const spki = (key: ReturnType<typeof loadCheckpointKey>) => key.asymmetricKeyType + String(key.export({ type: 'pkcs8', format: 'pem' }));

describe('the checkpoint signing key (decision 0011)', () => {
  it('is generated once in the data directory with mode 0600 and the same key comes back after a restart', () => {
    const first = loadCheckpointKey({ XIANJIE_DATA_DIR: dir });
    expect(first.asymmetricKeyType).toBe('ed25519');
    expect(statSync(path.join(dir, 'checkpoint-key.pem')).mode & 0o777).toBe(0o600);
    expect(spki(loadCheckpointKey({ XIANJIE_DATA_DIR: dir }))).toBe(spki(first));
  });

  it('XIANJIE_CHECKPOINT_KEY wins (with \\n escapes); a key of another type is refused', () => {
    const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const key = loadCheckpointKey({ XIANJIE_DATA_DIR: dir, XIANJIE_CHECKPOINT_KEY: pem.replaceAll('\n', '\\n') });
    expect(String(key.export({ type: 'pkcs8', format: 'pem' }))).toBe(pem);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => loadCheckpointKey({ XIANJIE_DATA_DIR: dir, XIANJIE_CHECKPOINT_KEY: rsa })).toThrow(/Ed25519/);
    expect(() => loadCheckpointKey({ XIANJIE_DATA_DIR: dir, XIANJIE_CHECKPOINT_KEY: 'not a key' })).toThrow(/not a PEM private key/);
  });
});
