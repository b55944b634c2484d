import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import path from 'node:path';
import type { Config } from './config.ts';
import { ConfigError } from './config.ts';
import { resolveDataDir } from './dataDir.ts';

/**
 * The commission's checkpoint signing key (Ed25519, decision 0011): `XIANJIE_CHECKPOINT_KEY` (a
 * PKCS#8 PEM; `\n` escapes allowed, for env files), else a key generated once and kept in the data
 * directory (`checkpoint-key.pem`, mode 0600), so checkpoints signed before a restart still verify.
 */
export const loadCheckpointKey = (config: Pick<Config, 'XIANJIE_CHECKPOINT_KEY' | 'XIANJIE_DATA_DIR'>): KeyObject => {
  if (config.XIANJIE_CHECKPOINT_KEY) return ed25519(config.XIANJIE_CHECKPOINT_KEY.replaceAll('\\n', '\n'), 'XIANJIE_CHECKPOINT_KEY');
  const dir = resolveDataDir(config.XIANJIE_DATA_DIR);
  const file = path.join(dir, 'checkpoint-key.pem');
  mkdirSync(dir, { recursive: true });
  try {
    const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    writeFileSync(file, pem, { mode: 0o600, flag: 'wx' }); // 'wx': a key already there is never replaced
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  // Only the owner reads it, whatever made it.
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  return ed25519(readFileSync(file, 'utf8'), file);
};

const ed25519 = (pem: string, source: string): KeyObject => {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new ConfigError([`${source}: not a PEM private key`]);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new ConfigError([`${source}: must be an Ed25519 private key (got ${key.asymmetricKeyType})`]);
  return key;
};
