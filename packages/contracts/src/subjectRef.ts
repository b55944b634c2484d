import { createHmac, randomBytes } from 'node:crypto';
import { subjectKey, type SubjectIdentity } from './subject.ts';

/**
 * `subjectRef`: the reference that lets the commission match repeat offenders across agencies
 * (屡查屡犯) and 查询留痕 name a subject without its ID number. It is HMAC-SHA256 of the subject key
 * under a platform secret (XIANJIE_SUBJECT_REF_KEY), never a plain digest: an ID number has so few
 * candidates (region × birth date × sequence) that an unkeyed hash of it is the number (ADR 0008).
 * Every service of a deployment shares the key; it never leaves the platform.
 */
export type SubjectRefOf = (subject: SubjectIdentity) => string;

/** The least key length (bytes) of the HMAC. */
export const SUBJECT_REF_KEY_BYTES = 32;

/** The `subjectRef` function of a key (at least 32 bytes); the key stays inside the closure. */
export const createSubjectRefOf = (key: Uint8Array): SubjectRefOf => {
  if (key.length < SUBJECT_REF_KEY_BYTES) throw new Error(`the subject reference key must be at least ${SUBJECT_REF_KEY_BYTES} bytes`);
  const secret = Buffer.from(key);
  return (subject) => createHmac('sha256', secret).update(subjectKey(subject), 'utf8').digest('hex');
};

/** A `subjectRef` function with a fresh random key: one process with an in-memory store, and tests. */
export const randomSubjectRefOf = (): SubjectRefOf => createSubjectRefOf(randomBytes(SUBJECT_REF_KEY_BYTES));

/** For a publisher whose events carry no subject (transfers, operations): asking it is a wiring error. */
export const noSubjectRefs: SubjectRefOf = () => {
  throw new Error('this publisher has no subject reference key: its public events must not carry a subject');
};
