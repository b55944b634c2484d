import { readFileSync } from 'node:fs';
import { buildSchema, findBreakingChanges, type GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';

/**
 * DESIGN §4 is the public contract: "add freely, rename nothing without a deprecation". The SDL core
 * it states (schemas/design-contract.graphql) and the names its bullet list promises must all be
 * served by the printed schema (schemas/schema.graphql, itself checked against the code by
 * `pnpm schemas:check`).
 */
const read = (file: string) => readFileSync(new URL(`../../../schemas/${file}`, import.meta.url), 'utf8');
const contract = buildSchema(read('design-contract.graphql'));
const served = buildSchema(read('schema.graphql'));

const fieldsOf = (type: GraphQLObjectType | null | undefined) => Object.keys(type?.getFields() ?? {});

describe('the DESIGN §4 contract', () => {
  it('the served schema breaks nothing of the contract’s SDL core', () => {
    expect(findBreakingChanges(contract, served).map((c) => `${c.type}: ${c.description}`)).toEqual([]);
  });

  it('serves every query, oversight view and mutation the contract names', () => {
    expect(fieldsOf(served.getQueryType())).toEqual(
      expect.arrayContaining([
        'me',
        'agencies',
        'case',
        'cases',
        'transfer',
        'transfers',
        'operation',
        'operations',
        'auditTrail',
        'oversight',
      ]),
    );
    expect(fieldsOf(served.getType('Oversight') as GraphQLObjectType)).toEqual(
      expect.arrayContaining([
        'overdueTransfers',
        'awaitingFeedback',
        'penaltyInsteadOfTransfer',
        'repeatOffenders',
        'agencyPerformance',
        'supervisedCases',
      ]),
    );
    const mutations = [
      'registerCase',
      'fileCase',
      'recordEvidence',
      'decidePenalty',
      'closeCase',
      'proposeTransfer',
      'approveTransfer',
      'refuseTransfer',
      'receiveTransfer',
      'acceptTransfer',
      'declineTransfer',
      'returnTransfer',
      'requestReconsideration',
      'decideReconsideration',
      'suggestProcuratorateSupervision',
      'handOverMaterials',
      'recordTransferResult',
      'planOperation',
      'formInspectionGroup',
      'assignTargets',
      'recordInspection',
      'registerProblem',
      'reportRectification',
      'verifyRectification',
      'scheduleFollowUp',
      'recordSelfInspection',
      'acknowledgeOperationReport',
      'evaluateOperationReport',
      'superviseCase',
      'disposeClue',
    ];
    expect(fieldsOf(served.getMutationType())).toEqual(expect.arrayContaining(mutations));
    // "each input has an optional commandId for idempotent retry and an optional expectedVersion"
    const mutationFields = served.getMutationType()!.getFields();
    const inputsWithout = mutations.flatMap((name) => {
      const input = mutationFields[name]!.args.find((a) => a.name === 'input');
      const type = input && 'ofType' in input.type ? input.type.ofType : input?.type;
      const fields = type && 'getFields' in type ? Object.keys(type.getFields()) : [];
      return ['commandId', 'expectedVersion'].filter((f) => !fields.includes(f)).map((f) => `${name}: ${f}`);
    });
    expect(inputsWithout).toEqual([]);
  });

  it('names the query arguments the contract lists', () => {
    const query = served.getQueryType()!.getFields();
    const args = (field: string) => query[field]!.args.map((a) => a.name);
    expect(args('case')).toEqual(expect.arrayContaining(['id', 'asOf']));
    expect(args('cases')).toEqual(expect.arrayContaining(['filter', 'first', 'after']));
    expect(args('transfers')).toEqual(expect.arrayContaining(['filter', 'first', 'after']));
    expect(args('operation')).toEqual(expect.arrayContaining(['id']));
    const filter = served.getType('TransferFilter') as GraphQLObjectType | undefined;
    expect(Object.keys(filter?.getFields() ?? {})).toEqual(
      expect.arrayContaining(['direction', 'kind', 'status', 'overdueAsOf']),
    );
    const oversight = (served.getType('Oversight') as GraphQLObjectType).getFields();
    expect(oversight.repeatOffenders!.args.map((a) => a.name)).toEqual(
      expect.arrayContaining(['windowDays', 'minViolations']),
    );
    expect(oversight.agencyPerformance!.args.map((a) => a.name)).toEqual(
      expect.arrayContaining(['from', 'to']),
    );
    expect(oversight.awaitingFeedback!.args.map((a) => a.name)).toEqual(['asOf']);
  });
});
