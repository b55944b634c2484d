import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '@xianjie/contracts';
import { findDemoUser, mintDevToken } from '@xianjie/auth';
import type { Principal } from '@xianjie/auth';
import { startEmbeddedGateway, type TestGateway } from '../support/embeddedGateway.ts';
import { eventually } from '../support/eventually.ts';

/**
 * Issue #6: the problem ledger (问题台账) and the coverage table (覆盖情况) of a joint operation as
 * .xlsx over HTTP from the gateway, with the queries' access rules; each workbook is read back with
 * exceljs. Embedded mode on PGlite, no seed; the operation is built through the operations client.
 */

// Every name and number below is invented; the shape follows the service's own test.
const demo = (id: string): Principal => {
  const u = findDemoUser(id)!;
  return { userId: u.userId, name: u.name, agencyId: u.agencyId, roles: [...u.roles] };
};
const who = (userId: string, name: string, agencyId: string): Principal => ({ userId, name, agencyId, roles: ['officer'] });
const leadHead = demo('u-amr-650000-supervisor');
const policeOfficer = demo('u-police-650100-officer');
const office = who('u-x-office', '田海峰', 'amr-650000');
const g1Leader = who('u-x-g1-leader', '刘洪亮', 'amr-650000');
const g1Member = who('u-x-g1-member', '谢丽娜', 'health-650000');
const g2Leader = who('u-x-g2-leader', '王忠', 'amr-650000');
const g2Member = who('u-x-g2-member', '周钢', 'amr-650000');

const personOf = (p: Principal, title: string, phone?: string) => ({ name: p.name, agencyId: p.agencyId, title, userId: p.userId, ...(phone ? { phone } : {}) });
const creditCode = (region: string, n: number) => {
  const first17 = `12${region}MB${String(n).padStart(7, '0')}`;
  return `${first17}${creditCodeCheckChar(first17)}`;
};
const yili = { name: '伊犁州某医院制剂室', creditCode: creditCode('654000', 11), regionCode: '654000' };
const altay = { name: '阿勒泰地区某医院制剂室', creditCode: creditCode('654300', 12), regionCode: '654300' };
const urumqi = { name: '乌鲁木齐市某中医医院制剂室', creditCode: creditCode('650100', 13), regionCode: '650100' };
const bj = (local: string): string => `${local}:00+08:00`;
/** What exceljs reads back for a cell holding the Beijing wall-clock time `local`. */
const cellTime = (local: string): Date => new Date(`${local}:00Z`);

const title = '全区医疗机构制剂室专项整治';
const plan = {
  commandId: 'plan-exports-2025',
  title,
  legalBasis: ['《中华人民共和国药品管理法》'],
  participantAgencyIds: ['health-650000'],
  startsOn: '2025-04-20',
  endsOn: '2025-07-31',
  phases: [
    { kind: 'SELF_INSPECTION', startsOn: '2025-04-20', endsOn: '2025-04-30' },
    { kind: 'SUPERVISORY_INSPECTION', startsOn: '2025-05-01', endsOn: '2025-05-31' },
    { kind: 'RECTIFICATION', startsOn: '2025-06-01', endsOn: '2025-07-31' },
  ],
  focusItems: [{ title: '是否存在无证配制、无文号配制的行为' }, { title: '是否存在未经批准擅自调剂使用的行为' }, { title: '是否存在检验记录造假的情况' }],
  leadingGroup: { leader: personOf(leadHead, '局长'), deputies: [], members: [personOf(office, '处长')] },
  office: { hostUnit: '药品生产监督管理处', director: personOf(office, '处长'), members: [] },
  duties: [{ unit: '药品生产监督管理处', agencyId: 'amr-650000', duty: '牵头负责监督检查' }],
  targets: [],
};

const ledgerHeaders = [
  '序号',
  '问题编号',
  '检查组',
  '地区',
  '行政区划代码',
  '单位名称',
  '统一社会信用代码',
  '发现问题',
  '重点事项',
  '违法情形',
  '处置方式',
  '承办机关',
  '涉案金额（元）',
  '登记时间',
  '整改期限',
  '整改状态',
  '是否逾期',
  '整改情况',
  '销号日期',
  '核查意见',
  '回头看',
  '反弹',
  '关联案件',
  '备注',
];

describe('operation exports (.xlsx) through the gateway (embedded, PGlite)', () => {
  let gw: TestGateway;
  /** The services' clock: each step of the story is told at its business time (null: the real time). */
  let clock: string | null = null;
  let operationId = '';
  const tokens = new Map<string, string>();
  const tokenOf = (p: Principal) => tokens.get(p.userId)!;

  const run = async (name: string, input: Record<string, unknown>, principal: Principal) =>
    gw.platform.operations.execute(name as never, { operationId, ...input }, { principal, token: null, correlationId: 'e2e-exports' });

  const download = (path: string, token?: string) =>
    fetch(`${gw.url}/exports/operations/${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});

  const workbookOf = async (res: Response): Promise<ExcelJS.Workbook> => {
    expect(res.status).toBe(200);
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.subarray(0, 2).toString()).toBe('PK'); // an OOXML package is a zip
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(body as never);
    return workbook;
  };
  const rowsOf = (sheet: ExcelJS.Worksheet): unknown[][] => {
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    return rows;
  };
  const sheet = (workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet => {
    const found = workbook.getWorksheet(name);
    expect(found, name).toBeDefined();
    return found!;
  };
  const allText = (workbook: ExcelJS.Workbook): string =>
    workbook.worksheets.flatMap((s) => rowsOf(s).flat().map((v) => (v instanceof Date ? v.toISOString() : String(v ?? '')))).join('|');

  beforeAll(async () => {
    gw = await startEmbeddedGateway({ XIANJIE_SEED: 'none' }, { now: () => clock ?? new Date().toISOString() });
    for (const p of [leadHead, policeOfficer, office, g1Leader, g1Member, g2Leader, g2Member]) {
      tokens.set(p.userId, await mintDevToken({ secret: gw.platform.devSecret!, userId: p.userId, name: p.name, agencyId: p.agencyId, roles: [...p.roles] }));
    }
    const pin = (at: string | null) => void (clock = at);

    pin(bj('2025-04-15T10:00'));
    operationId = (await run('planOperation', plan, leadHead)).operationId;
    pin(bj('2025-04-16T10:00'));
    await run(
      'formInspectionGroup',
      { name: '第一检查组', phaseId: 'P2', leader: personOf(g1Leader, '副局长'), deputy: personOf(office, '处长', '13800000001'), members: [personOf(g1Member, '中药师')], regions: ['654000', '654300'] },
      office,
    );
    await run('formInspectionGroup', { name: '第二检查组', phaseId: 'P2', leader: personOf(g2Leader, '副局长'), deputy: personOf(g2Member, '主任科员', '13800000002'), regions: ['650100'] }, office);
    await run('assignTargets', { groupId: 'G1', targets: [{ ...yili, plannedOn: '2025-05-06' }, altay] }, office);
    await run('assignTargets', { groupId: 'G2', targets: [urumqi] }, office);
    pin(bj('2025-04-30T10:00'));
    await run('launchOperation', {}, leadHead);

    pin(bj('2025-05-06T18:00'));
    await run(
      'recordInspection',
      {
        groupId: 'G1',
        targetCreditCode: yili.creditCode,
        inspectedAt: bj('2025-05-06T09:30'),
        checklist: [
          { itemId: 'F1', result: 'NON_COMPLIANT' },
          { itemId: 'F2', result: 'COMPLIANT' },
          { itemId: 'F3', result: 'NON_COMPLIANT' },
        ],
        findings: [
          { description: '批准文号过期后仍配制复方制剂', focusItemIds: ['F1'], violations: ['UNAPPROVED_PREPARATION'] },
          { description: '检验记录与留样不符', focusItemIds: ['F3'] },
        ],
      },
      g1Member,
    );
    pin(bj('2025-05-07T18:00'));
    await run(
      'recordInspection',
      {
        groupId: 'G2',
        targetCreditCode: urumqi.creditCode,
        inspectedAt: bj('2025-05-07T10:00'),
        checklist: [
          { itemId: 'F1', result: 'NON_COMPLIANT' },
          { itemId: 'F2', result: 'COMPLIANT' },
          { itemId: 'F3', result: 'NOT_APPLICABLE' },
        ],
        findings: [{ description: '未取得《医疗机构制剂许可证》擅自配制', focusItemIds: ['F1'], violations: ['UNLICENSED_COMPOUNDING'] }],
      },
      g2Member,
    );
    pin(bj('2025-05-10T10:00'));
    await run('registerProblem', { findingId: 'I1-F1', disposition: 'SUSPENSION', suspended: ['COMPOUNDING'], rectificationDueOn: '2025-06-10' }, g1Member);
    await run('registerProblem', { findingId: 'I1-F2', disposition: 'RECTIFICATION_ORDER', rectificationDueOn: '2025-06-30' }, g1Member);
    await run(
      'registerProblem',
      { findingId: 'I2-F1', disposition: 'CASE_INVESTIGATION', rectificationDueOn: '2025-07-31', amountInvolvedFen: 12_000_000, note: '涉案制剂已查封' },
      g2Member,
    );
    pin(bj('2025-06-20T10:00'));
    await run('reportRectification', { findingId: 'I1-F2', summary: '已建立检验留样台账' }, g1Member);
    pin(bj('2025-06-25T10:00'));
    const checker = personOf(g1Leader, '副局长');
    await run(
      'verifyRectification',
      { findingId: 'I1-F2', accepted: true, note: '现场核查整改到位', opinion: { checkedBy: [checker], findings: '整改到位', signedBy: [checker], responsible: checker } },
      g1Leader,
    );
    // the 立案查处 finding opens its case in market regulation (over the bus) and learns its number
    await eventually(
      async () => (await gw.platform.services.operations.instance.operations.operationAsOf(operationId))!.state.problems.find((p) => p.findingId === 'I2-F1')!.case,
      (linked) => linked !== null,
    );
    pin(bj('2025-06-26T10:00'));
    await gw.platform.services.operations.instance.projector.catchUp();
  }, 120_000);
  afterAll(async () => gw?.close());

  it('refuses without a token (401 JSON) and with a bad one', async () => {
    for (const what of ['ledger', 'coverage']) {
      const res = await download(`${operationId}/${what}.xlsx`);
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await res.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
      expect((await download(`${operationId}/${what}.xlsx`, 'not-a-token')).status).toBe(401);
    }
  });

  it('exports the problem ledger (问题台账) with Chinese headers, formats and a Chinese file name', async () => {
    const res = await download(`${operationId}/ledger.xlsx`, tokenOf(office));
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const disposition = res.headers.get('content-disposition')!;
    expect(disposition).toMatch(/^attachment; /);
    expect(disposition).toContain(`filename="operation-${operationId}-ledger.xlsx"`);
    const encoded = /filename\*=UTF-8''([^;]+)/.exec(disposition)![1]!;
    expect(decodeURIComponent(encoded)).toBe(`${title}-问题台账.xlsx`);
    expect(res.headers.get('cache-control')).toContain('no-store');

    const workbook = await workbookOf(res);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['问题台账', '导出说明']);
    const ledger = sheet(workbook, '问题台账');
    const [header, ...rows] = rowsOf(ledger);
    expect(header).toEqual(ledgerHeaders);
    expect(ledger.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(ledger.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ledger.getColumn(8).width).toBeGreaterThan(10); // 发现问题: wide enough to read
    expect(rows).toHaveLength(3);
    const col = (name: string) => ledgerHeaders.indexOf(name);
    const byId = (findingId: string) => rows.find((r) => r[col('问题编号')] === findingId)!;

    const suspended = byId('I1-F1');
    expect(suspended[col('序号')]).toBe(1);
    expect(suspended[col('检查组')]).toBe('第一检查组');
    expect(suspended[col('地区')]).toBe('伊犁哈萨克自治州');
    expect(suspended[col('行政区划代码')]).toBe('654000');
    expect(suspended[col('单位名称')]).toBe(yili.name);
    expect(suspended[col('统一社会信用代码')]).toBe(yili.creditCode);
    expect(suspended[col('发现问题')]).toBe('批准文号过期后仍配制复方制剂');
    expect(suspended[col('重点事项')]).toBe('F1 是否存在无证配制、无文号配制的行为');
    expect(suspended[col('处置方式')]).toBe('暂停配制/使用/调剂（暂停配制）');
    expect(suspended[col('登记时间')]).toEqual(cellTime('2025-05-10T10:00'));
    expect(suspended[col('整改期限')]).toEqual(new Date('2025-06-10T00:00:00Z'));
    expect(suspended[col('整改状态')]).toBe('整改中');
    expect(suspended[col('是否逾期')]).toBe('是'); // due 2025-06-10, now 2025-06-26
    expect(suspended[col('销号日期')]).toBeUndefined();
    // the cells carry their formats: Excel and WPS show dates as dates
    const row2 = ledger.getRow(2);
    expect(row2.getCell(col('登记时间') + 1).numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(row2.getCell(col('整改期限') + 1).numFmt).toBe('yyyy-mm-dd');

    const closed = byId('I1-F2');
    expect(closed[col('整改状态')]).toBe('已销号');
    expect(closed[col('是否逾期')]).toBe('否');
    expect(closed[col('整改情况')]).toBe('2025-06-20 已建立检验留样台账');
    expect(closed[col('销号日期')]).toEqual(new Date('2025-06-25T00:00:00Z'));
    // the 核查意见 as filed: 谁检查、谁签名、谁负责 and what they found
    expect(closed[col('核查意见')]).toBe('现场核查整改到位\n现场核查（2025-06-25）：整改到位\n检查人：刘洪亮；签名：刘洪亮；负责人：刘洪亮');
    expect(closed[col('反弹')]).toBeUndefined();

    const investigated = byId('I2-F1');
    expect(investigated[col('检查组')]).toBe('第二检查组');
    expect(investigated[col('地区')]).toBe('乌鲁木齐市');
    expect(investigated[col('处置方式')]).toBe('立案查处');
    expect(investigated[col('违法情形')]).toEqual(expect.any(String));
    expect(investigated[col('涉案金额（元）')]).toBe(120_000);
    expect(ledger.getRow(rows.indexOf(investigated) + 2).getCell(col('涉案金额（元）') + 1).numFmt).toBe('#,##0.00');
    expect(investigated[col('关联案件')]).toMatch(/^AMR650000〔2025〕\d{5}号（新疆维吾尔自治区市场监督管理局（药品监督管理局）立案）$/);
    expect(investigated[col('备注')]).toBe('涉案制剂已查封');

    const about = rowsOf(sheet(workbook, '导出说明'));
    expect(about[0]).toEqual(['项目', '内容']);
    expect(about).toContainEqual(['专项整治', title]);
    expect(about).toContainEqual(['导出人', '田海峰（新疆维吾尔自治区市场监督管理局（药品监督管理局））']);
    expect(about).toContainEqual(['问题数', 3]);
  });

  it('exports the coverage table (覆盖情况): per group, region and phase, and the ledger by disposition with the closure rate', async () => {
    const res = await download(`${operationId}/coverage.xlsx`, tokenOf(office));
    expect(decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(res.headers.get('content-disposition')!)![1]!)).toBe(`${title}-覆盖情况.xlsx`);
    const workbook = await workbookOf(res);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['总体情况', '按检查组', '按地区', '按阶段', '按处置方式', '逾期整改', '检查对象', '导出说明']);
    for (const s of workbook.worksheets) {
      expect(s.getRow(1).getCell(1).font?.bold, s.name).toBe(true);
      expect(s.views[0], s.name).toMatchObject({ state: 'frozen', ySplit: 1 });
    }

    const summary = rowsOf(sheet(workbook, '总体情况'));
    expect(summary[0]).toEqual(['项目', '数值']);
    expect(summary).toContainEqual(['应查数', 3]);
    expect(summary).toContainEqual(['已查数', 2]);
    expect(summary).toContainEqual(['覆盖率', 2 / 3]);
    expect(summary).toContainEqual(['问题数', 3]);
    expect(summary).toContainEqual(['已销号', 1]);
    expect(summary).toContainEqual(['销号率', 1 / 3]);
    expect(summary).toContainEqual(['逾期未整改', 1]);
    expect(sheet(workbook, '总体情况').getCell(4, 2).numFmt).toBe('0.0%');

    const groups = sheet(workbook, '按检查组');
    expect(rowsOf(groups)).toEqual([
      ['序号', '检查组', '应查数', '已查数', '覆盖率', '未列出对象数（四不两直）'],
      [1, '第一检查组', 2, 1, 0.5, 0],
      [2, '第二检查组', 1, 1, 1, 0],
    ]);
    expect(groups.getRow(2).getCell(5).numFmt).toBe('0.0%');

    expect(rowsOf(sheet(workbook, '按地区'))).toEqual([
      ['序号', '地区', '行政区划代码', '应查数', '已查数', '覆盖率'],
      [1, '乌鲁木齐市', '650100', 1, 1, 1],
      [2, '伊犁哈萨克自治州', '654000', 1, 1, 1],
      [3, '654300', '654300', 1, 0, 0],
    ]);

    const phases = rowsOf(sheet(workbook, '按阶段'));
    expect(phases[0]).toEqual(['序号', '阶段', '阶段类型', '开始日期', '结束日期', '应查数', '已查数', '覆盖率', '回头看次数', '登记问题数']);
    expect(phases[1]).toEqual([1, '自查自纠', '自查自纠', new Date('2025-04-20T00:00:00Z'), new Date('2025-04-30T00:00:00Z'), 0, 0, '—', 0, 0]);
    expect(phases[2]).toEqual([2, '监督检查', '监督检查', new Date('2025-05-01T00:00:00Z'), new Date('2025-05-31T00:00:00Z'), 3, 2, 2 / 3, 0, 3]);

    const dispositions = rowsOf(sheet(workbook, '按处置方式'));
    expect(dispositions[0]).toEqual(['处置方式', '问题数', '已销号', '销号率']);
    expect(dispositions).toContainEqual(['限期整改', 1, 1, 1]);
    expect(dispositions).toContainEqual(['暂停配制/使用/调剂', 1, 0, 0]);
    expect(dispositions).toContainEqual(['告诫', 0, 0, '—']);
    expect(dispositions.at(-1)).toEqual(['合计', 3, 1, 1 / 3]);

    const overdue = rowsOf(sheet(workbook, '逾期整改'));
    expect(overdue).toHaveLength(2);
    expect(overdue[1]).toEqual([1, 'I1-F1', '第一检查组', '伊犁哈萨克自治州', yili.name, yili.creditCode, '暂停配制/使用/调剂', new Date('2025-06-10T00:00:00Z'), 16, undefined, '否']);

    // the office sees the whole register, the unannounced group's uninspected target included
    const targets = rowsOf(sheet(workbook, '检查对象'));
    expect(targets[0]).toEqual(['序号', '检查组', '地区', '行政区划代码', '单位名称', '统一社会信用代码', '计划检查日期', '检查时间', '检查状态']);
    expect(targets.slice(1).map((t) => [t[1], t[4], t[8]])).toEqual([
      ['第一检查组', yili.name, '已检查'],
      ['第一检查组', altay.name, '未检查'],
      ['第二检查组', urumqi.name, '已检查'],
    ]);
    expect(targets[1]![6]).toEqual(new Date('2025-05-06T00:00:00Z'));
    expect(targets[1]![7]).toEqual(cellTime('2025-05-06T09:30'));
  });

  it('shows another group’s member (and the lead agency’s head) no unannounced target not yet inspected (四不两直)', async () => {
    for (const reader of [g2Member, leadHead]) {
      const coverage = await workbookOf(await download(`${operationId}/coverage.xlsx`, tokenOf(reader)));
      const text = allText(coverage);
      expect(text, reader.userId).not.toContain(altay.creditCode);
      expect(text, reader.userId).not.toContain(altay.name);
      expect(text).toContain(yili.creditCode); // inspected: revealed
      expect(rowsOf(sheet(coverage, '按检查组'))[1]).toEqual([1, '第一检查组', 2, 1, 0.5, 1]); // counted, not named
      // 四不两直 in aggregates: by region it is not placed either (654300 held only altay), one row without a region holds it
      const regions = rowsOf(sheet(coverage, '按地区'));
      expect(regions.map((r) => r[2])).not.toContain('654300');
      expect(regions.slice(1).map((r) => [r[1], r[3], r[4]])).toEqual([
        ['乌鲁木齐市', 1, 1],
        ['伊犁哈萨克自治州', 1, 1],
        ['其他/未公开（四不两直）', 1, 0],
      ]);
      expect(rowsOf(sheet(coverage, '检查对象')).slice(1).map((t) => t[4])).toEqual([yili.name, urumqi.name]);
      const ledger = await workbookOf(await download(`${operationId}/ledger.xlsx`, tokenOf(reader)));
      expect(allText(ledger)).not.toContain(altay.creditCode);
      expect(rowsOf(sheet(ledger, '问题台账'))).toHaveLength(4);
    }
    // the group itself sees its plan
    const own = await workbookOf(await download(`${operationId}/coverage.xlsx`, tokenOf(g1Member)));
    expect(rowsOf(sheet(own, '检查对象')).map((t) => t[5])).toContain(altay.creditCode);
  });

  it('answers 404 to another agency without access, and for an unknown operation', async () => {
    for (const what of ['ledger', 'coverage']) {
      const res = await download(`${operationId}/${what}.xlsx`, tokenOf(policeOfficer));
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
      expect((await download(`00000000-0000-5000-8000-000000000000/${what}.xlsx`, tokenOf(office))).status).toBe(404);
    }
  });

  it('exports as of a past time (?asOf=), and refuses a malformed one (400)', async () => {
    // folded by when facts were recorded: G1's inspection was recorded on 05-06 18:00, G2's on 05-07 18:00
    const asOf = encodeURIComponent(bj('2025-05-07T12:00'));
    const coverageRes = await download(`${operationId}/coverage.xlsx?asOf=${asOf}`, tokenOf(office));
    expect(decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(coverageRes.headers.get('content-disposition')!)![1]!)).toBe(
      `${title}-覆盖情况-截至2025-05-07.xlsx`,
    );
    const coverage = await workbookOf(coverageRes);
    const summary = rowsOf(sheet(coverage, '总体情况'));
    expect(summary).toContainEqual(['已查数', 1]); // only yili had been inspected
    expect(summary).toContainEqual(['问题数', 0]);
    expect(summary).toContainEqual(['销号率', '—']);
    expect(rowsOf(sheet(coverage, '导出说明'))).toContainEqual(['数据截至（北京时间）', cellTime('2025-05-07T12:00')]);

    const ledger = await workbookOf(await download(`${operationId}/ledger.xlsx?asOf=${encodeURIComponent(bj('2025-06-21T00:00'))}`, tokenOf(office)));
    const rows = rowsOf(sheet(ledger, '问题台账')).slice(1);
    expect(rows).toHaveLength(3);
    const status = ledgerHeaders.indexOf('整改状态');
    expect(rows.find((r) => r[1] === 'I1-F2')![status]).toBe('已报整改待核查'); // reported, verified only on 06-25

    const filtered = await workbookOf(await download(`${operationId}/ledger.xlsx?disposition=CASE_INVESTIGATION`, tokenOf(office)));
    expect(rowsOf(sheet(filtered, '问题台账')).slice(1).map((r) => r[1])).toEqual(['I2-F1']);

    const bad = await download(`${operationId}/coverage.xlsx?asOf=yesterday`, tokenOf(office));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'BAD_USER_INPUT' } });
  });
});
