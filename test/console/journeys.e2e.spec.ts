import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { announceSkip } from '@xianjie/testing';
import { startEmbeddedGateway, type TestGateway } from '../support/embeddedGateway.ts';
import { createTransferOperations, criminalMaterials } from '../support/transferOperations.ts';
import { hasChromium, chromiumPath } from '../support/chromium.ts';
import {
  choose,
  englishCodesOnScreen,
  openConsole,
  requireConsoleBuild,
  screenshot,
  seriousAccessibilityViolations,
  type ConsoleSession,
  type ConsoleUser,
} from './consoleBrowser.ts';

if (!hasChromium) announceSkip('console journeys (test/console/journeys.e2e.spec.ts)', `no Chromium at ${chromiumPath} (apt-get install chromium)`);

const OFFICER = 'u-amr-650100-officer';
const HEAD = 'u-amr-650100-supervisor';
const POLICE = 'u-police-650100-officer';
const POLICE_HEAD = 'u-police-650100-supervisor';
const OUTSIDER = 'u-health-650100-officer';
/** Beijing wall-clock time `minutesAgo` minutes ago, as the console's time fields take it (`2026-03-01 09:30`). */
const beijingAgo = (minutesAgo: number): string =>
  new Date(Date.now() + 8 * 3_600_000 - minutesAgo * 60_000).toISOString().slice(0, 16).replace('T', ' ');
/** A supervisor who is not the head (副局长): refused on a criminal transfer (Decree art. 5). */
const DEPUTY = 'u-amr-650100-deputy';

/** Reloads until `testId` shows (the other side's facts arrive through the bus, a moment later). */
const reloadUntilVisible = async (page: Page, testId: string, timeoutMs = 15_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await page.getByTestId(testId).first().isVisible()) return;
    if (Date.now() > deadline) throw new Error(`${testId} did not show on ${page.url()} within ${timeoutMs} ms`);
    await page.waitForTimeout(400);
    await page.reload();
    await page.getByRole('heading', { level: 1 }).first().waitFor();
  }
};

const waitForStatus = async (page: Page, status: string) => {
  await page.locator(`[data-testid="transfer-status"][data-status="${status}"]`).waitFor({ timeout: 15_000 });
};

/** Opens the action's form, lets `fill` fill it, submits and waits until the form closes. */
const act = async (page: Page, command: string, fill: (form: ReturnType<Page['getByTestId']>) => Promise<void> = async () => {}) => {
  await page.getByTestId(`action-${command}`).click();
  // The testid marks the modal's root (no box of its own): its submit button shows whether it is open.
  const form = page.getByTestId(`form-${command}`);
  const submit = page.getByTestId(`form-${command}-submit`);
  await submit.waitFor();
  await fill(form);
  await submit.click();
  await submit.waitFor({ state: 'hidden', timeout: 15_000 });
};

describe.skipIf(!hasChromium)('the console in a browser, against the embedded platform', { timeout: 240_000 }, () => {
  let gw: TestGateway;
  let session: ConsoleSession;
  const ops = () => createTransferOperations(gw.gql);
  const users: ConsoleUser[] = [];
  const as = async (userId: string, viewport?: { width: number; height: number }) => {
    const user = await session.signIn(userId, viewport ? { viewport } : {});
    users.push(user);
    return user;
  };
  const a11y: Record<string, string[]> = {};
  const audit = async (page: Page, screen: string) => {
    a11y[screen] = await seriousAccessibilityViolations(page);
    expect(await englishCodesOnScreen(page), `English codes on ${screen}`).toEqual([]);
  };

  const filedCase = async (summary: string) => {
    const officer = await gw.tokenFor(OFFICER);
    const head = await gw.tokenFor(HEAD);
    return ops().registerCase(
      officer,
      {
        subject: { kind: 'ORGANIZATION', name: '乌鲁木齐市康泰大药房有限公司', creditCode: '91650100MA7XYA123G' },
        source: 'INSPECTION',
        summary,
        violations: ['COUNTERFEIT_DRUG'],
        amountInvolvedFen: 12_000_000,
      },
      head,
    );
  };

  beforeAll(async () => {
    requireConsoleBuild();
    gw = await startEmbeddedGateway();
    session = await openConsole(gw.url);
  }, 120_000);
  afterAll(async () => {
    for (const user of users) {
      expect(user.external, 'requests that left the host').toEqual([]);
      expect(user.errors, 'errors in the page').toEqual([]);
    }
    await session?.close();
    await gw?.close();
  });

  let journeyTransferId = '';
  let acceptedAt = '';

  it('行刑: the officer proposes with materials, the head approves, the police receive, ask for a supplement, get it and accept', { timeout: 180_000 }, async () => {
    const c = await filedCase('浏览器旅程：销售假药');
    // The market regulation officer proposes from the case page; the form adds the materials the kind requires.
    const officer = await as(OFFICER);
    await screenshot(officer.page, '02-work-officer');
    await officer.page.goto(`/cases/${c.id}`);
    await officer.page.getByTestId('case-actions').waitFor();
    await officer.page.getByTestId('verify-chain').click();
    await officer.page.locator('[data-testid="chain-verification"][data-valid="true"]').waitFor();
    await screenshot(officer.page, '03-case');
    await audit(officer.page, '案件详情');
    await act(officer.page, 'proposeTransfer', async (form) => {
      await choose(officer.page, '衔接类型', '行刑衔接（涉嫌犯罪案件移送公安机关）', form);
      await choose(officer.page, '接收机关', '乌鲁木齐市公安局', form);
      await form.getByLabel('移送事由').fill('涉嫌生产、销售假药罪，销售金额达到追诉标准');
      await expect(form.getByLabel('材料 1 名称').inputValue()).resolves.not.toBe('');
      // 专案组 (Decree art. 5): the officer and a colleague; seized property declared (《行政强制法》第二十一条).
      await choose(officer.page, '专案组成员（2名以上执法人员，含提出人）', '艾尔肯·吐尔逊（执法人员）', form);
      await officer.page.keyboard.press('Escape');
      await form.getByTestId('field-seizedProperty').check();
    });
    await officer.page.waitForURL(/\/transfers\/[\w-]+$/);
    journeyTransferId = officer.page.url().split('/').at(-1)!;
    await waitForStatus(officer.page, 'PROPOSED');
    await expect(officer.page.getByTestId('materials').innerText()).resolves.toContain('移送书');
    await expect(officer.page.getByTestId('case-team').innerText()).resolves.toBe('帕丽旦·热合曼、艾尔肯·吐尔逊');

    // A deputy (副局长) is told that only the head decides; nothing changes.
    const deputy = await as(DEPUTY);
    await deputy.page.goto(`/transfers/${journeyTransferId}`);
    await waitForStatus(deputy.page, 'PROPOSED');
    await deputy.page.getByTestId('action-approveTransfer').click();
    const deputyForm = deputy.page.getByTestId('form-approveTransfer');
    await deputy.page.getByTestId('form-approveTransfer-submit').waitFor();
    await expect(deputyForm.getByTestId('who-decides').innerText()).resolves.toMatch(/正职负责人或者主持工作的负责人/);
    await deputyForm.getByLabel('财物移交清单').fill('扣押药品清单');
    await deputyForm.getByLabel('移交时间（北京时间）').fill(beijingAgo(30));
    await deputyForm.getByLabel('书面告知当事人日期（北京时间）').fill(beijingAgo(60));
    await choose(deputy.page, '送达方式', '直接送达', deputyForm);
    await deputy.page.getByTestId('form-approveTransfer-submit').click();
    await deputy.page.getByText('须由本机关正职负责人或者主持工作的负责人决定', { exact: false }).first().waitFor();
    await deputy.page.keyboard.press('Escape');
    await waitForStatus(deputy.page, 'PROPOSED');

    // The head sees the approval waiting in 待办 and approves.
    const head = await as(HEAD);
    await reloadUntilVisible(head.page, 'approvals-section');
    await screenshot(head.page, '01-work-head');
    await audit(head.page, '待办');
    await head.page.locator(`[data-testid="approvals-section"] a[href$="/transfers/${journeyTransferId}"]`).first().click();
    await waitForStatus(head.page, 'PROPOSED');
    await act(head.page, 'approveTransfer', async (form) => {
      await expect(form.getByTestId('who-decides').innerText()).resolves.toContain('艾尔肯·吐尔逊');
      await form.getByLabel('财物移交清单').fill('查封扣押财物移交清单（复方甘草片 300 盒）');
      await form.getByLabel('移交时间（北京时间）').fill(beijingAgo(30));
      await form.getByLabel('书面告知当事人日期（北京时间）').fill(beijingAgo(60));
      await choose(head.page, '送达方式', '直接送达', form);
      await form.getByLabel('告知书文号').fill('乌市监告〔2026〕1号');
    });
    await waitForStatus(head.page, 'SENT');
    await expect(head.page.getByTestId('approver-capacity').innerText()).resolves.toBe('正职负责人');
    await expect(head.page.getByTestId('seized-property').innerText()).resolves.toMatch(/已随案移送：查封扣押财物移交清单.*已书面告知当事人.*直接送达/);

    // The police officer finds it in 待办, signs for it and asks for a supplement.
    const police = await as(POLICE);
    const receiptLink = police.page.locator(`[data-testid="work-item"] a[href$="/transfers/${journeyTransferId}"]`).first();
    for (let i = 0; !(await receiptLink.isVisible()); i++) {
      if (i > 30) throw new Error('the transfer never reached the police 待办');
      await police.page.waitForTimeout(400);
      await police.page.reload();
      await police.page.getByTestId('current-user').waitFor();
    }
    await receiptLink.click();
    await waitForStatus(police.page, 'SENT');
    await screenshot(police.page, '05-transfer-police');
    await audit(police.page, '移送详情');
    await act(police.page, 'receiveTransfer');
    await waitForStatus(police.page, 'RECEIVED');
    await act(police.page, 'requestSupplement', async (form) => {
      await choose(police.page, '需补正的材料', '检验报告/鉴定结论', form);
      await form.getByLabel('补正说明').fill('请补充涉案药品的检验报告');
    });
    await police.page.getByTestId('section-supplement').waitFor();

    // The officer supplies it.
    await officer.page.reload();
    await reloadUntilVisible(officer.page, 'action-supplyMaterials');
    await act(officer.page, 'supplyMaterials', async (form) => {
      if ((await form.getByLabel('材料 1 名称').count()) === 0) await form.getByTestId('add-material').click();
      await choose(officer.page, '材料 1 类别', '检验报告/鉴定结论', form);
      await form.getByLabel('材料 1 名称').fill('乌鲁木齐市药品检验研究院检验报告（2026）第 118 号');
    });

    // The police head accepts (立案).
    const policeHead = await as(POLICE_HEAD);
    await policeHead.page.goto(`/transfers/${journeyTransferId}`);
    await reloadUntilVisible(policeHead.page, 'action-acceptTransfer');
    await expect(policeHead.page.getByTestId('materials').innerText()).resolves.toContain('检验报告（2026）第 118 号');
    acceptedAt = new Date(Date.now() - 1000).toISOString();
    await act(policeHead.page, 'acceptTransfer', async (form) => {
      await form.getByLabel('立案决定书/受理通知书文号').fill('乌公（食药环）立字〔2026〕118号');
      await form.getByLabel('随案财物接收时间（北京时间）').fill(beijingAgo(1));
    });
    await waitForStatus(policeHead.page, 'ACCEPTED');
    await policeHead.page.getByTestId('deadline-steps').waitFor();
    await screenshot(policeHead.page, '06-transfer-accepted');
  });

  it('a police decline, then reconsideration requested by the agency head and decided by the police head', { timeout: 240_000 }, async () => {
    const c = await filedCase('浏览器旅程：复议');
    const police = await gw.tokenFor(POLICE);
    const sent = await ops().send({
      caseId: c.id,
      kind: 'CRIMINAL',
      toAgencyId: 'police-650100',
      reason: '涉嫌生产、销售假药罪',
      materials: criminalMaterials,
      officer: await gw.tokenFor(OFFICER),
      supervisor: await gw.tokenFor(HEAD),
      receiverToken: police,
    });
    await ops().act('receiveTransfer', { transferId: sent.id }, police);

    const policeHead = await as(POLICE_HEAD);
    await policeHead.page.goto(`/transfers/${sent.id}`);
    await waitForStatus(policeHead.page, 'RECEIVED');
    await act(policeHead.page, 'declineTransfer', async (form) => {
      await choose(policeHead.page, '不予立案类别', '证据不足', form);
      await form.getByLabel('不予立案理由').fill('现有证据不足以证明销售金额');
    });
    await waitForStatus(policeHead.page, 'DECLINED');

    const head = await as(HEAD);
    await head.page.goto(`/transfers/${sent.id}`);
    await reloadUntilVisible(head.page, 'action-requestReconsideration');
    await act(head.page, 'requestReconsideration', async (form) => {
      await form.getByLabel('复议理由').fill('检验报告和销售记录足以证明销售金额');
    });
    await reloadUntilVisible(head.page, 'section-reconsideration');

    await policeHead.page.reload();
    await reloadUntilVisible(policeHead.page, 'action-decideReconsideration');
    await act(policeHead.page, 'decideReconsideration', async (form) => {
      await form.getByText('撤销原决定，予以立案').click();
    });
    // The form closes when the server answers; the page then reads the transfer again.
    await policeHead.page.getByTestId('section-reconsideration').filter({ hasText: /撤销原决定|予以立案/ }).waitFor({ timeout: 15_000 });
  });

  it('an officer of another agency opening the transfer sees 无权访问 and nothing of it', async () => {
    const outsider = await as(OUTSIDER);
    await outsider.page.goto(`/transfers/${journeyTransferId}`);
    await outsider.page.getByTestId('forbidden').waitFor();
    const text = await outsider.page.locator('main').innerText();
    expect(text).toContain('无权访问');
    expect(text).not.toContain('假药');
    expect(text).not.toContain('乌鲁木齐市公安局');
    await audit(outsider.page, '无权访问');
  });

  it('time travel shows the transfer before its acceptance, marked as a past view, with no actions', async () => {
    const policeHead = await as(POLICE_HEAD);
    await policeHead.page.goto(`/transfers/${journeyTransferId}?asOf=${encodeURIComponent(acceptedAt)}`);
    await policeHead.page.getByTestId('past-view-banner').waitFor();
    await waitForStatus(policeHead.page, 'RECEIVED');
    await expect(policeHead.page.getByTestId('transfer-actions').locator('button').count()).resolves.toBe(0);
    await screenshot(policeHead.page, '07-time-travel');
    await policeHead.page.getByTestId('back-to-now').click();
    await waitForStatus(policeHead.page, 'ACCEPTED');
    await expect(policeHead.page.getByTestId('past-view-banner').count()).resolves.toBe(0);
  });

  it('a field error from the server appears on its field', async () => {
    const officer = await as(OFFICER);
    await officer.page.goto('/cases');
    await officer.page.getByTestId('cases-table').waitFor();
    await screenshot(officer.page, '04-cases');
    await audit(officer.page, '案件列表');
    await officer.page.getByTestId('action-registerCase').click();
    const form = officer.page.getByTestId('form-registerCase');
    await officer.page.getByTestId('form-registerCase-submit').waitFor();
    await choose(officer.page, '案件来源', '投诉举报', form);
    await form.getByText('单位', { exact: true }).click();
    await form.getByLabel('当事人名称/姓名').fill('乌鲁木齐市某某药店');
    await form.getByLabel('统一社会信用代码').fill('91650100MA7XYA1234');
    await choose(officer.page, '违法行为', '生产销售假药', form);
    // Focus moves on to the summary, which closes the multi-select's dropdown (an Escape that
    // arrives after the dropdown has closed would close the modal instead).
    await form.getByLabel('案情摘要').fill('字段错误测试');
    await expect(form.locator('.ant-select-selection-item[title="生产销售假药"]').count()).resolves.toBe(1);
    await officer.page.getByTestId('form-registerCase-submit').click();
    // The server's error on its field; when it does not come, say what the form shows instead (a
    // notice above the form, or a required-field message from the browser's own check).
    const fieldError = form.locator('.ant-form-item:has(#creditCode, [id$="creditCode"]) .ant-form-item-explain-error');
    const shownInstead = await fieldError.waitFor({ timeout: 60_000 }).then(
      () => null,
      async () => form.innerText().catch((error: unknown) => `the form is gone: ${String(error)}`),
    );
    expect(shownInstead, 'no error on the credit code field; the form shows').toBeNull();
    await expect(fieldError.innerText()).resolves.toMatch(/校验码应为/);
  });

  it('a concurrent change shows the 冲突 notice and a reload', async () => {
    const c = await filedCase('浏览器旅程：并发修改');
    const first = await as(OFFICER);
    const second = await session.signIn(OFFICER);
    users.push(second);
    for (const { page } of [first, second]) {
      await page.goto(`/cases/${c.id}`);
      await page.getByTestId('action-recordEvidence').waitFor();
    }
    const recordEvidence = async (page: Page, title: string) => {
      await page.getByTestId('action-recordEvidence').click();
      const form = page.getByTestId('form-recordEvidence');
      const submit = page.getByTestId('form-recordEvidence-submit');
      await submit.waitFor();
      await choose(page, '证据种类', '书证', form);
      await form.getByLabel('证据名称').fill(title);
      await submit.click();
      return submit;
    };
    await (await recordEvidence(second.page, '销售记录')).waitFor({ state: 'hidden' });
    await recordEvidence(first.page, '进货票据');
    await first.page.getByTestId('conflict-notice').waitFor();
    await expect(first.page.getByTestId('conflict-notice').innerText()).resolves.toContain('已被他人修改');
    await first.page.getByTestId('conflict-refresh').click();
    await expect(first.page.getByTestId('evidence').innerText()).resolves.toContain('销售记录');
  });

  it('the main screens have no serious or critical accessibility violations, and fit a tablet', async () => {
    const officer = await as(OFFICER, { width: 1024, height: 768 });
    await officer.page.goto('/transfers?direction=OUTGOING');
    await officer.page.getByTestId('transfers-table').waitFor();
    await audit(officer.page, '移送列表');
    await screenshot(officer.page, '08-transfers-tablet');
    const anonymous = await session.browser.newContext({ baseURL: gw.url, viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    const signInPage = await anonymous.newPage();
    await signInPage.goto('/signin');
    await signInPage.getByTestId('demo-notice').waitFor();
    await screenshot(signInPage, '00-sign-in');
    a11y['登录'] = await seriousAccessibilityViolations(signInPage);
    await anonymous.close();
    expect(Object.keys(a11y).sort()).toEqual(['无权访问', '案件列表', '案件详情', '待办', '登录', '移送列表', '移送详情'].sort());
    expect(Object.entries(a11y).flatMap(([screen, found]) => found.map((v) => `${screen}: ${v}`)).join('\n')).toBe('');
  });
});
