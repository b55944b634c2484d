import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedGateway, type TestGateway } from '../support/embeddedGateway.ts';
import { caseStepMutation, registerCaseMutation } from '../support/caseOperations.ts';
import { createTransferOperations, criminalMaterials, errorCode, type GqlResult } from '../support/transferOperations.ts';
import { createOperationOperations } from '../support/operationOperations.ts';
import { eventually } from '../support/eventually.ts';

/**
 * Issue #12, hole 6: a replayed commandId of another agency on the GraphQL mutations (embedded,
 * PGlite). Authorisation comes before the retry lookup, and the ids derived from a commandId are
 * the caller's agency's: the replay creates the caller's own record or is refused as NOT_FOUND,
 * exactly as for an unknown id, with nothing of the other agency's record.
 */
describe('replayed commandIds through GraphQL (embedded, PGlite)', () => {
  let gw: TestGateway;
  const tokens = new Map<string, string>();
  const token = (userId: string): string => tokens.get(userId)!;

  beforeAll(async () => {
    gw = await startEmbeddedGateway({ XIANJIE_SEED: 'none' });
    for (const id of [
      'u-amr-650100-officer',
      'u-amr-650100-supervisor',
      'u-amr-650000-officer',
      'u-amr-650000-supervisor',
      'u-cdi-650100-supervisor',
      'u-cdi-650000-supervisor',
    ]) {
      tokens.set(id, await gw.tokenFor(id));
    }
  }, 60_000);
  afterAll(async () => gw?.close());

  const subject = { kind: 'ORGANIZATION', name: '乌鲁木齐天山康宁医院', creditCode: '12650100MB1234567P' };
  const register = (who: string, summary: string, commandId: string) =>
    gw.gql<{ registerCase: { id: string; summary: string; agency: { id: string } } }>(
      registerCaseMutation,
      { input: { commandId, subject, source: 'INSPECTION', summary, violations: ['UNLICENSED_COMPOUNDING'] } },
      token(who),
    );
  /** What a caller receives of a refusal, with the id it sent replaced. */
  const shape = (res: GqlResult<unknown>, sent: string) =>
    JSON.stringify((res.errors ?? []).map((e) => ({ message: e.message, extensions: e.extensions }))).replaceAll(sent, '<id>');

  it('registerCase and fileCase: another agency’s commandId gives the caller its own case, or NOT_FOUND as for an unknown case', async () => {
    const theirs = await register('u-amr-650100-officer', '他局线索：制剂室无证配制', 'gql-replay-register');
    expect(theirs.errors).toBeUndefined();
    const theirCase = theirs.data!.registerCase;
    const filed = await gw.gql(caseStepMutation('fileCase'), { input: { caseId: theirCase.id, commandId: 'gql-replay-file' } }, token('u-amr-650100-supervisor'));
    expect(filed.errors).toBeUndefined();

    const replayed = await register('u-amr-650000-officer', '本局线索', 'gql-replay-register');
    expect(replayed.errors).toBeUndefined();
    expect(replayed.data!.registerCase).toMatchObject({ summary: '本局线索', agency: { id: 'amr-650000' } });
    expect(replayed.data!.registerCase.id).not.toBe(theirCase.id);

    const stolen = await gw.gql(caseStepMutation('fileCase'), { input: { caseId: theirCase.id, commandId: 'gql-replay-file' } }, token('u-amr-650000-supervisor'));
    const unknownId = '00000000-0000-4000-8000-000000000000';
    const unknown = await gw.gql(caseStepMutation('fileCase'), { input: { caseId: unknownId, commandId: 'gql-replay-file' } }, token('u-amr-650000-supervisor'));
    expect(stolen.data?.fileCase ?? null).toBeNull();
    expect(errorCode(stolen)).toBe('NOT_FOUND');
    expect(JSON.stringify(stolen)).not.toContain('他局线索');
    expect(JSON.stringify(stolen)).not.toContain('amr-650100');
    expect(shape(stolen, theirCase.id)).toBe(shape(unknown, unknownId));
  });

  it('proposeTransfer: another agency’s commandId proposes the caller’s own transfer, not a refusal that tells theirs exists', async () => {
    const ops = createTransferOperations(gw.gql);
    const filedCase = async (officer: string, supervisor: string, key: string) => {
      const registered = await register(officer, `移送前立案 ${key}`, `${key}:register`);
      expect(registered.errors).toBeUndefined();
      const id = registered.data!.registerCase.id;
      expect((await gw.gql(caseStepMutation('fileCase'), { input: { caseId: id } }, token(supervisor))).errors).toBeUndefined();
      return id;
    };
    const theirCase = await filedCase('u-amr-650100-officer', 'u-amr-650100-supervisor', 'gql-replay-t1');
    const proposal = (caseId: string, reason: string) => ({ caseId, kind: 'CRIMINAL', toAgencyId: 'police-650100', reason, materials: criminalMaterials, commandId: 'gql-replay-propose' });
    const theirs = await ops.run('proposeTransfer', proposal(theirCase, '他局移送理由'), token('u-amr-650100-officer'));

    const ownCase = await filedCase('u-amr-650000-officer', 'u-amr-650000-supervisor', 'gql-replay-t2');
    const mine = await ops.attempt('proposeTransfer', proposal(ownCase, '本局移送理由'), token('u-amr-650000-officer'));
    expect(mine.errors).toBeUndefined();
    expect(mine.data!.proposeTransfer).toMatchObject({ caseId: ownCase, reason: '本局移送理由', fromAgency: { id: 'amr-650000' } });
    expect(mine.data!.proposeTransfer!.id).not.toBe(theirs.id);
  });

  it('superviseCase: a commandId the city commission used is, from the region’s commission on another case, its own supervision (not a duplicate of the city’s)', async () => {
    const filed = async (officer: string, supervisor: string, key: string) => {
      const id = (await register(officer, `督办前立案 ${key}`, `${key}:register`)).data!.registerCase.id;
      expect((await gw.gql(caseStepMutation('fileCase'), { input: { caseId: id } }, token(supervisor))).errors).toBeUndefined();
      await eventually(
        () => gw.platform.services['discipline-inspection'].instance.supervision.caseFacts(id),
        (facts) => facts?.status === 'FILED',
      );
      return id;
    };
    const cityCase = await filed('u-amr-650100-officer', 'u-amr-650100-supervisor', 'gql-replay-s1');
    const regionCase = await filed('u-amr-650000-officer', 'u-amr-650000-supervisor', 'gql-replay-s2');
    const dueDate = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const supervise = (caseId: string, who: string) =>
      gw.gql<{ superviseCase: { caseId: string; commission: { id: string }; version: number } }>(
        'mutation($input: SuperviseCaseInput!) { superviseCase(input: $input) { caseId commission { id } version } }',
        { input: { caseId, dueDate, reason: '群众反复举报', commandId: 'gql-replay-supervise' } },
        token(who),
      );
    const city = await supervise(cityCase, 'u-cdi-650100-supervisor');
    expect(city.errors).toBeUndefined();
    const region = await supervise(regionCase, 'u-cdi-650000-supervisor');
    expect(region.errors).toBeUndefined();
    expect(region.data!.superviseCase).toEqual({ caseId: regionCase, commission: { id: 'cdi-650000' }, version: 1 });
  });

  it('planOperation: another agency’s commandId plans the caller’s own operation', async () => {
    const ops = createOperationOperations(gw.gql);
    const person = (userId: string, agencyId: string) => ({ name: '马玉清', agencyId, title: '局长', userId });
    const plan = (agencyId: string, userId: string) => ({
      commandId: 'gql-replay-plan',
      title: `${agencyId} 专项整治`,
      legalBasis: ['《中华人民共和国药品管理法》'],
      participantAgencyIds: [],
      startsOn: '2030-04-20',
      endsOn: '2030-07-31',
      phases: [{ kind: 'SUPERVISORY_INSPECTION', startsOn: '2030-05-01', endsOn: '2030-05-31' }],
      focusItems: [{ title: '是否存在无证配制的行为' }],
      leadingGroup: { leader: person(userId, agencyId), deputies: [], members: [] },
      office: { hostUnit: '药品生产监督管理处', director: person(userId, agencyId), members: [] },
      duties: [{ unit: '药品生产监督管理处', agencyId, duty: '牵头负责监督检查' }],
      targets: [],
    });
    const theirs = await ops.run('planOperation', plan('amr-650000', 'u-amr-650000-supervisor'), token('u-amr-650000-supervisor'));
    const mine = await ops.attempt('planOperation', plan('amr-650100', 'u-amr-650100-supervisor'), token('u-amr-650100-supervisor'));
    expect(mine.errors).toBeUndefined();
    expect(mine.data!.planOperation).toMatchObject({ leadAgency: { id: 'amr-650100' }, version: 1 });
    expect(mine.data!.planOperation!.id).not.toBe(theirs.id);
  });
});
