import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSubjectRefOf, randomSubjectRefOf } from './subjectRef.ts';
import { subjectKey } from './subject.ts';
import { toPublicSubject } from './integrationEvents.ts';
import { readCaseOf } from './personalDataReads.ts';

const person = { kind: 'PERSON' as const, name: '张某', creditCode: null, idNumber: '650102198503122719' };
const key = Buffer.from('a-platform-subject-ref-key-of-32-bytes!!', 'utf8');

describe('subjectRef (keyed, issue #12 hole 3)', () => {
  it('cannot be recomputed from a guessed ID number without the key', () => {
    const ref = createSubjectRefOf(key)(person);
    // The attack that worked on the unsalted SHA-256: hash candidate numbers and compare.
    const unkeyed = createHash('sha256').update(subjectKey(person)).digest('hex');
    expect(ref).not.toBe(unkeyed);
    expect(ref).toMatch(/^[0-9a-f]{64}$/);
    expect(randomSubjectRefOf()(person)).not.toBe(ref);
  });

  it('is stable for one key (the commission matches repeat offenders across agencies by it)', () => {
    const refOf = createSubjectRefOf(key);
    expect(refOf(person)).toBe(createSubjectRefOf(Buffer.from(key))(person));
    expect(refOf({ ...person, idNumber: person.idNumber.toLowerCase() })).toBe(refOf(person));
    expect(refOf({ ...person, name: '另一个名字' })).toBe(refOf(person)); // names are not identities
  });

  it('refuses a short key', () => {
    expect(() => createSubjectRefOf(Buffer.alloc(16))).toThrow(/at least 32 bytes/);
  });

  it('is what the bus and 查询留痕 carry, with the number masked to its first and last character', () => {
    const refOf = createSubjectRefOf(key);
    expect(toPublicSubject(person, refOf)).toEqual({
      kind: 'PERSON',
      name: '张某',
      creditCode: null,
      idNumberMasked: '6****************9',
      subjectRef: refOf(person),
    });
    expect(readCaseOf('c1', 'amr-650100', person, refOf).subjectRef).toBe(refOf(person));
  });
});
