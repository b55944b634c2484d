import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedGateway, type TestGateway } from '../support/embeddedGateway.ts';
import { createTransferOperations, criminalMaterials } from '../support/transferOperations.ts';
import { eventually } from '../support/eventually.ts';

/**
 * The console's session (services/gateway/src/session): demo sign-in sets an HttpOnly,
 * SameSite=Strict cookie; the cookie authenticates GraphQL only with the CSRF header and a plain
 * download link without it; 待办 (myWork) lists what waits on the signed-in user's side.
 */
describe('console session and 待办', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startEmbeddedGateway();
  });
  afterAll(() => gw?.close());

  const signIn = async (userId: string, headers: Record<string, string> = { 'x-xianjie-csrf': '1' }) =>
    fetch(`${gw.url}/auth/demo-sign-in`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ userId }) });
  const cookieOf = (res: Response) => (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const gqlWithCookie = async (cookie: string, query: string, variables: Record<string, unknown> = {}, csrf = true) => {
    const res = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, ...(csrf ? { 'x-xianjie-csrf': '1' } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as { data?: Record<string, never> | null; errors?: { extensions?: { code?: string } }[] };
  };

  it('lists the demo users with their agencies and posts, in Chinese', async () => {
    const res = await fetch(`${gw.url}/auth/config`);
    expect(await res.json()).toEqual({ signIn: 'demo' });
    const { users } = (await (await fetch(`${gw.url}/auth/demo-users`)).json()) as { users: { userId: string; name: string; title: string; agency: { name: string; kind: string } }[] };
    const police = users.find((u) => u.userId === 'u-police-650100-officer');
    expect(police).toMatchObject({ name: '卡米拉·吾斯曼', title: '民警', agency: { name: '乌鲁木齐市公安局', kind: 'POLICE' } });
    expect(users.length).toBeGreaterThan(20);
  });

  it('signs in with an HttpOnly SameSite=Strict cookie; refuses a request without the CSRF header and an unknown user', async () => {
    const noCsrf = await signIn('u-police-650100-officer', {});
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.headers.get('set-cookie')).toBeNull();

    const unknown = await signIn('u-nobody');
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { errors: { message: string; extensions: { code: string } }[] }).errors[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      message: expect.stringMatching(/^userId：/),
    });

    const ok = await signIn('u-police-650100-officer');
    expect(ok.status).toBe(204);
    const setCookie = ok.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^xianjie_session=[\w.-]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200$/);
  });

  it('authenticates GraphQL by cookie only with the CSRF header', async () => {
    const cookie = cookieOf(await signIn('u-police-650100-officer'));
    const me = await gqlWithCookie(cookie, '{ me { userId name agency { id } } }');
    expect(me.data).toEqual({ me: { userId: 'u-police-650100-officer', name: '卡米拉·吾斯曼', agency: { id: 'police-650100' } } });
    // A cross-site form or a script without the header: the cookie does not count.
    const forged = await gqlWithCookie(cookie, '{ me { userId } }', {}, false);
    expect(forged.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('downloads an export by a plain link (the cookie, no header) and signs out', async () => {
    const office = await gw.tokenFor('u-amr-650000-office');
    const ops = await gw.gql<{ operations: { id: string }[] }>('{ operations { id } }', {}, office);
    const operationId = ops.data!.operations[0]!.id;
    const cookie = cookieOf(await signIn('u-amr-650000-office'));
    const download = await fetch(`${gw.url}/exports/operations/${operationId}/ledger.xlsx`, { headers: { cookie } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toMatch(/spreadsheetml/);
    const anonymous = await fetch(`${gw.url}/exports/operations/${operationId}/ledger.xlsx`);
    expect(anonymous.status).toBe(401);

    const out = await fetch(`${gw.url}/auth/sign-out`, { method: 'POST', headers: { cookie, 'x-xianjie-csrf': '1' } });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^xianjie_session=; Path=\/; HttpOnly; SameSite=Strict; Max-Age=0$/);
  });

  it('待办: a proposal waits on the head, not on the officer; once sent, the receipt waits on the police', async () => {
    const ops = createTransferOperations(gw.gql);
    const officer = await gw.tokenFor('u-amr-650100-officer');
    const head = await gw.tokenFor('u-amr-650100-supervisor');
    const police = await gw.tokenFor('u-police-650100-officer');
    const c = await ops.registerCase(
      officer,
      {
        subject: { kind: 'ORGANIZATION', name: '乌鲁木齐待办测试药房', creditCode: '91650100MA7XYA123G' },
        source: 'INSPECTION',
        summary: '待办测试：销售假药',
        violations: ['COUNTERFEIT_DRUG'],
        amountInvolvedFen: 9_000_000,
      },
      head,
    );
    const proposed = await ops.run(
      'proposeTransfer',
      { caseId: c.id, kind: 'CRIMINAL', toAgencyId: 'police-650100', reason: '涉嫌生产、销售假药罪', materials: criminalMaterials },
      officer,
    );
    type Work = { myWork: { kind: string; step: string; stepLabel: string; dueAt: string; status: string; title: string; transfer: { id: string } | null; case: { number: string } | null }[] };
    const query = '{ myWork { kind step stepLabel dueAt status title transfer { id } case { number } } }';
    // The outbox is a read model, projected just after the proposal's append.
    const headWork = await eventually(
      async () => (await gw.gql<Work>(query, {}, head)).data!.myWork,
      (work) => work.some((w) => w.transfer?.id === proposed.id),
      5_000,
    );
    const approval = headWork.find((w) => w.transfer?.id === proposed.id);
    expect(approval).toMatchObject({ kind: 'APPROVAL', step: 'approve', status: 'PENDING', title: '移送至乌鲁木齐市公安局', case: { number: c.number } });
    expect(approval!.stepLabel).toContain('负责人审批');
    // Most urgent first.
    const dues = headWork.map((w) => w.dueAt);
    expect(dues).toEqual([...dues].sort());
    const officerWork = (await gw.gql<Work>(query, {}, officer)).data!.myWork;
    expect(officerWork.some((w) => w.transfer?.id === proposed.id)).toBe(false);

    await ops.run('approveTransfer', { transferId: proposed.id }, head);
    await ops.waitForListed(police, 'INCOMING', proposed.id);
    const policeWork = (await gw.gql<Work>(query, {}, police)).data!.myWork;
    const receipt = policeWork.find((w) => w.transfer?.id === proposed.id && w.step === 'signReceipt');
    // The receiver may not read the sender's case: the item names the sender, not the case.
    expect(receipt).toMatchObject({ kind: 'TRANSFER_STEP', status: 'PENDING', title: '乌鲁木齐市市场监督管理局移送', case: null });
    const otherAgency = await gw.tokenFor('u-health-650100-officer');
    const healthWork = (await gw.gql<Work>(query, {}, otherAgency)).data!.myWork;
    expect(healthWork.some((w) => w.transfer?.id === proposed.id)).toBe(false);
  });
});
