import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createSubjectRefOf, SUBJECT_REF_KEY_BYTES, type SubjectRefOf } from '@xianjie/contracts';
import type { PersonalDataReadRecorder } from '@xianjie/auth';
import { remoteCall } from '@xianjie/http/client';
import type { Config } from './config.ts';
import { resolveDataDir } from './dataDir.ts';

/** The file of the generated subject reference key in embedded mode (inside XIANJIE_DATA_DIR). */
export const subjectRefKeyFile = 'subject-ref.key';

/**
 * The platform's `subjectRef` function (ADR 0008): HMAC under XIANJIE_SUBJECT_REF_KEY; in embedded
 * mode without it, a key generated once and kept in the data dir (mode 0600), so references stay
 * the same across restarts. Distributed mode requires the variable (config refuses to start
 * without it). Only the function leaves here, never the key.
 */
export const subjectRefOfConfig = (config: Config): SubjectRefOf => {
  if (config.XIANJIE_SUBJECT_REF_KEY) return createSubjectRefOf(Buffer.from(config.XIANJIE_SUBJECT_REF_KEY, 'utf8'));
  if (config.XIANJIE_MODE === 'distributed') throw new Error('XIANJIE_SUBJECT_REF_KEY is required in distributed mode');
  const dir = resolveDataDir(config.XIANJIE_DATA_DIR);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, subjectRefKeyFile);
  try {
    // 'wx': only the first start writes it; a second process racing it reads the winner's key.
    writeFileSync(file, randomBytes(SUBJECT_REF_KEY_BYTES).toString('hex'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return createSubjectRefOf(Buffer.from(readFileSync(file, 'utf8').trim(), 'utf8'));
};

/**
 * 查询留痕 from a service of its own process (distributed mode): `POST /personal-data-reads` on the
 * commission's service, with the reader's token (the reader is who the record names) and the call
 * signed with the platform's service key (a user's token alone is refused there).
 */
export const httpPersonalDataReadRecorder =
  (commissionUrl: string, serviceKey: string): PersonalDataReadRecorder =>
  (input, reader) =>
    remoteCall(
      commissionUrl,
      '/personal-data-reads',
      { token: reader.token ?? null, correlationId: reader.correlationId ?? randomUUID() },
      { method: 'POST', body: input, serviceKey },
    );
