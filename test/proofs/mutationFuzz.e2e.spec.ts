import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedGateway, type TestGateway } from '../support/embeddedGateway.ts';
import { documentedCodes as readDocumentedCodes, storeProbe, type StoreProbe } from './storeProbe.ts';
import { fuzzRuns, fuzzSeed, garbage, hostileDate, hostileInt, hostileString } from './hostileInput.ts';

/**
 * Hostile-input proof (issue 12), GraphQL side: every mutation of the served schema (read by
 * introspection, so a new mutation is fuzzed without touching this file) gets inputs shaped like
 * its input type but wrong (hostile strings, NUL bytes, lone surrogates, numbers out of range, bad
 * dates, unknown fields, missing fields, real ids of other agencies' records) and plain garbage.
 * Every answer: no HTTP 5xx, no INTERNAL_SERVER_ERROR, only codes DESIGN §4 documents; a rejected
 * input leaves the store's event count as it was (no partial append); an accepted one appended
 * under its own commandId only.
 */

interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}
interface InputField {
  name: string;
  type: TypeRef;
}
interface SchemaType {
  kind: string;
  name: string;
  inputFields: InputField[] | null;
  enumValues: { name: string }[] | null;
}
interface MutationField {
  name: string;
  args: InputField[];
  type: TypeRef;
}

const introspection = `{ __schema {
  mutationType { fields(includeDeprecated: true) { name args { name type { ...T } } type { ...T } } }
  types { kind name inputFields { name type { ...T } } enumValues { name } } } }
  fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } }`;

const namedType = (ref: TypeRef): string => ref.name ?? namedType(ref.ofType!);
const typeLiteral = (ref: TypeRef): string =>
  ref.kind === 'NON_NULL'
    ? `${typeLiteral(ref.ofType!)}!`
    : ref.kind === 'LIST'
      ? `[${typeLiteral(ref.ofType!)}]`
      : ref.name!;

/** Known gaps the lead decides on: printed loudly while they are seen, and when they are no longer seen. */
const knownGaps: Record<string, string> = {
  // None open: NUL/lone surrogates (BAD_USER_INPUT), 413 PAYLOAD_TOO_LARGE (documented) and 4xx for
  // request errors were closed in issue #12. A gap found later is written here, with its reason, and printed loudly.
};
const gapsSeen = new Map<string, number>();
const documentedCodes = readDocumentedCodes();

/** A failed property, told briefly: the reason and the start of the counterexample (some are megabytes). */
const failOn = <T>(outcome: fc.RunDetails<T>) => {
  if (!outcome.failed) return;
  const example = JSON.stringify(outcome.counterexample, (_k, v: unknown) =>
    typeof v === 'string' && v.length > 200 ? `${v.slice(0, 200)}…(${v.length})` : v,
  );
  const reason =
    outcome.errorInstance instanceof Error ? outcome.errorInstance.message : String(outcome.errorInstance);
  throw new Error(
    `property failed after ${outcome.numRuns} runs (seed ${outcome.seed}, path ${outcome.counterexamplePath}): ${reason.slice(0, 1500)}\ncounterexample: ${example?.slice(0, 1500)}`,
  );
};

describe('hostile input: every mutation of the schema, fuzzed through GraphQL (embedded, PGlite)', () => {
  let gw: TestGateway;
  let probe: StoreProbe;
  let mutations: MutationField[] = [];
  const types = new Map<string, SchemaType>();
  const tokens: string[] = [];
  /** Real ids of the demo data: valid-shaped inputs point at existing records (often not the caller's). */
  const ids: Record<string, string[]> = {
    case: [],
    transfer: [],
    operation: [],
    group: [],
    target: [],
    problem: [],
    meeting: [],
  };
  const fuzzed = new Map<string, number>();
  const totals = { cases: 0, accepted: 0, rejected: 0, byCode: new Map<string, number>() };

  beforeAll(async () => {
    gw = await startEmbeddedGateway({ XIANJIE_SEED: 'demo' });
    probe = storeProbe(gw.platform.sql);
    for (const user of [
      'u-amr-650100-officer',
      'u-amr-650100-supervisor',
      'u-police-650100-supervisor',
      'u-cdi-650000-supervisor',
      'u-cdi-650100-overseer',
      'u-amr-650000-office',
      'u-amr-650000-g1-leader',
      'u-admin',
    ]) {
      tokens.push(await gw.tokenFor(user));
    }
    const schema = await gw.gql<{
      __schema: { mutationType: { fields: MutationField[] }; types: SchemaType[] };
    }>(introspection, {}, tokens[1]);
    expect(schema.errors).toBeUndefined();
    mutations = schema.data!.__schema.mutationType.fields;
    for (const type of schema.data!.__schema.types) types.set(type.name, type);

    // Ids to aim at, read as the admin and the supervisors (whatever they may read).
    for (const token of tokens) {
      const res = await gw.gql<{
        cases: { edges: { node: { id: string } }[] };
        o: { edges: { node: { id: string } }[] };
        i: { edges: { node: { id: string } }[] };
        operations: { id: string; groups?: { id: string }[] }[];
        jointMeetings: { id: string }[];
      }>(
        `{ cases(first: 50) { edges { node { id } } }
           o: transfers(filter: { direction: OUTGOING }, first: 50) { edges { node { id } } }
           i: transfers(filter: { direction: INCOMING }, first: 50) { edges { node { id } } }
           operations { id }
           jointMeetings { id } }`,
        {},
        token,
      );
      ids.case!.push(...(res.data?.cases?.edges.map((e) => e.node.id) ?? []));
      ids.transfer!.push(
        ...(res.data?.o?.edges.map((e) => e.node.id) ?? []),
        ...(res.data?.i?.edges.map((e) => e.node.id) ?? []),
      );
      ids.operation!.push(...(res.data?.operations?.map((o) => o.id) ?? []));
      ids.meeting!.push(...(res.data?.jointMeetings?.map((m) => m.id) ?? []));
    }
    for (const key of Object.keys(ids)) ids[key] = [...new Set(ids[key])];
    expect(ids.case!.length).toBeGreaterThan(0);
    expect(ids.transfer!.length).toBeGreaterThan(0);
    expect(ids.operation!.length).toBeGreaterThan(0);
  }, 180_000);

  afterAll(async () => {
    await gw?.close();
    const codes = [...totals.byCode].map(([c, n]) => `${c}=${n}`).join(' ');
    process.stdout.write(
      `[proof] mutation fuzz: seed ${fuzzSeed()}, ${totals.cases} cases over ${fuzzed.size} mutations ` +
        `(${totals.accepted} accepted, ${totals.rejected} rejected; ${codes})\n`,
    );
    for (const [gap, reason] of Object.entries(knownGaps)) {
      const seen = gapsSeen.get(gap) ?? 0;
      process.stderr.write(
        seen
          ? `\n!!!!! KNOWN GAP (${seen} cases): ${gap}: ${reason}\n\n`
          : `\n!!!!! KNOWN GAP NOT SEEN ANY MORE: "${gap}": remove it from test/proofs/mutationFuzz.e2e.spec.ts\n\n`,
      );
    }
  });

  /** An id field gets a real id of its kind most of the time (the interesting refusals), else anything. */
  const idPool = (field: string): string[] => {
    const kind = field.replace(/Id$|Ids$/, '').toLowerCase();
    const pool = ids[kind] ?? [];
    return pool.length ? pool : [...ids.case!, ...ids.transfer!, ...ids.operation!];
  };

  const valueFor = (ref: TypeRef, field: string, depth: number): fc.Arbitrary<unknown> => {
    if (ref.kind === 'NON_NULL') {
      return fc.oneof(
        { weight: 12, arbitrary: valueFor(ref.ofType!, field, depth) },
        { weight: 1, arbitrary: fc.constant(null) },
      );
    }
    if (ref.kind === 'LIST') {
      const item = valueFor(ref.ofType!, field, depth + 1);
      return fc.oneof(
        { weight: 8, arbitrary: fc.array(item, { maxLength: 3 }) },
        // a long list: one generated item repeated (generating hundreds of nested items explodes)
        { weight: 1, arbitrary: item.map((v) => Array.from({ length: 250 }, () => v)) },
        { weight: 1, arbitrary: item },
      );
    }
    const name = ref.name!;
    const type = types.get(name);
    if (type?.kind === 'ENUM') {
      return fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom(...type.enumValues!.map((v) => v.name)) },
        { weight: 1, arbitrary: hostileString },
      );
    }
    if (type?.kind === 'INPUT_OBJECT') {
      if (depth > 4) return fc.constant({});
      const fields = type.inputFields!;
      const record = fc.record(
        Object.fromEntries(fields.map((f) => [f.name, valueFor(f.type, f.name, depth + 1)])),
        {
          requiredKeys: fields.filter((f) => f.type.kind === 'NON_NULL').map((f) => f.name),
        },
      );
      return fc.oneof(
        { weight: 10, arbitrary: record },
        // an unknown field, a missing required field, or garbage in place of the object
        {
          weight: 1,
          arbitrary: fc
            .tuple(record, hostileString, garbage)
            .map(([r, k, v]) => ({ ...(r as object), [k || 'extra']: v })),
        },
        { weight: 1, arbitrary: record.map((r) => Object.fromEntries(Object.entries(r as object).slice(1))) },
        { weight: 1, arbitrary: garbage },
      );
    }
    switch (name) {
      case 'ID':
        if (field === 'commandId')
          return fc.oneof({ weight: 8, arbitrary: fc.uuid() }, { weight: 1, arbitrary: hostileString });
        return fc.oneof(
          { weight: 3, arbitrary: fc.constantFrom(...idPool(field)) },
          { weight: 2, arbitrary: hostileString },
          { weight: 1, arbitrary: fc.uuid() },
        );
      case 'String':
        return hostileString;
      case 'Int':
      case 'Float':
        return hostileInt;
      case 'Boolean':
        return fc.oneof({ weight: 5, arbitrary: fc.boolean() }, { weight: 1, arbitrary: garbage });
      case 'DateTime':
      case 'Date':
        return hostileDate;
      default:
        return garbage;
    }
  };

  const groups = () => {
    const byReturn = new Map<string, MutationField[]>();
    for (const m of mutations)
      byReturn.set(namedType(m.type), [...(byReturn.get(namedType(m.type)) ?? []), m]);
    return [...byReturn];
  };

  it('the schema has mutations to fuzz (one without arguments is fuzzed by its caller alone)', () => {
    expect(mutations.length).toBeGreaterThanOrEqual(40);
    expect(mutations.filter((m) => m.args.length === 0).map((m) => m.name)).toEqual([
      'takeIntegrityCheckpoint',
    ]);
  });

  /** One fuzz case: a mutation, its variables, a principal. */
  const send = async (m: MutationField, variables: Record<string, unknown>, token: string | undefined) => {
    const params = m.args.map((a) => `$${a.name}: ${typeLiteral(a.type)}`).join(', ');
    const call = m.args.map((a) => `${a.name}: $${a.name}`).join(', ');
    const query = m.args.length
      ? `mutation(${params}) { ${m.name}(${call}) { __typename } }`
      : `mutation { ${m.name} { __typename } }`;
    const res = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const text = await res.text();
    return {
      status: res.status,
      text,
      body: JSON.parse(text) as {
        data?: Record<string, unknown> | null;
        errors?: { message: string; extensions?: { code?: string } }[];
      },
    };
  };

  /** Waits until nothing appends any more (the bus and the other side's consumers after an accepted command). */
  const quiesce = async () => {
    let last = await probe.eventCount();
    for (;;) {
      await new Promise((r) => setTimeout(r, 150));
      const now = await probe.eventCount();
      if (now === last) return;
      last = now;
    }
  };

  it.each([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13])(
    'group %i of the mutations (by return type): no 5xx, documented codes, no partial append',
    async (index) => {
      const all = groups();
      if (index >= all.length) {
        // Fewer return types than slots: nothing to fuzz in this slot, and the coverage test below proves every mutation ran.
        expect(all.length).toBeLessThanOrEqual(index);
        return;
      }
      const [returnType, members] = all[index]!;
      const arbitrary = fc
        .constantFrom(...members)
        .chain((m) =>
          fc.tuple(
            fc.constant(m),
            fc.record(
              Object.fromEntries(m.args.map((a) => [a.name, valueFor(a.type, a.name, 0)])),
            ) as fc.Arbitrary<Record<string, unknown>>,
            fc.oneof(
              { weight: 12, arbitrary: fc.constantFrom(...tokens) },
              { weight: 1, arbitrary: fc.constant(undefined) },
            ),
          ),
        );
      const outcome = await fc.check(
        fc.asyncProperty(arbitrary, async ([m, variables, token]) => {
          fuzzed.set(m.name, (fuzzed.get(m.name) ?? 0) + 1);
          totals.cases++;
          const before = await probe.eventCount();
          if (process.env.FUZZ_DEBUG)
            process.stderr.write(`fuzz ${m.name} ${JSON.stringify(variables).slice(0, 200)}\n`);
          const { status, text, body } = await send(m, variables, token);
          if (process.env.FUZZ_DEBUG) process.stderr.write(`  -> ${status} ${text.slice(0, 200)}\n`);
          const codes = (body.errors ?? []).map((e) => e.extensions?.code ?? '(none)');
          for (const code of codes) totals.byCode.set(code, (totals.byCode.get(code) ?? 0) + 1);
          const accepted = Boolean(body.data?.[m.name]) && !body.errors?.length;
          expect(status, `${m.name}: HTTP ${status}: ${text.slice(0, 500)}`).toBeLessThan(500);
          expect(
            codes.includes('INTERNAL_SERVER_ERROR'),
            `${m.name} masked an internal error: ${text.slice(0, 500)}`,
          ).toBe(false);
          for (const code of codes)
            expect(
              documentedCodes.has(code),
              `${m.name}: undocumented code ${code}: ${text.slice(0, 300)}`,
            ).toBe(true);
          if (accepted) {
            totals.accepted++;
            const commandId = (variables.input as { commandId?: unknown } | undefined)?.commandId;
            await quiesce();
            if (typeof commandId === 'string') {
              const rows = await probe.commandRows([commandId]);
              expect(
                rows.get(commandId) ?? 0,
                `${m.name}: accepted command ${commandId} recorded once`,
              ).toBeLessThanOrEqual(1);
            }
          } else {
            totals.rejected++;
            expect(
              await probe.eventCount(),
              `${m.name} was refused (${codes.join(',')}) but the store changed`,
            ).toBe(before);
          }
        }),
        { seed: fuzzSeed(), numRuns: fuzzRuns(), endOnFailure: true },
      );
      failOn(outcome);
      process.stdout.write(
        `[proof] mutation fuzz group ${returnType}: ${members.length} mutations, ${fuzzRuns()} runs\n`,
      );
    },
    600_000,
  );

  it('every mutation of the schema was fuzzed (a new mutation is covered without editing this file)', () => {
    const missed = mutations.map((m) => m.name).filter((n) => !fuzzed.has(n));
    expect(missed).toEqual([]);
  });
});
