import { randomUUID } from 'node:crypto';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import {
  beijingDate,
  errorToWire,
  httpStatusOf,
  isXianjieError,
  IsoDateTime,
  NotFoundError,
  operationPhaseKindLabels,
  operationStatusLabels,
  parseInput,
  ProblemDisposition,
  problemDispositionLabels,
  ProblemStatus,
  problemStatusLabels,
  suspendedActivityLabels,
  transferKindLabels,
  UnauthenticatedError,
  verificationMethodLabels,
  violationLabels,
} from '@xianjie/contracts';
import type { OperationProgress } from '@xianjie/domain';
import type { Logger } from 'pino';
import type { AgencyDirectory } from '@xianjie/contracts';
import type { TokenVerifier } from '@xianjie/auth';
import type { CallerAuth } from '@xianjie/http/client';
import type { OperationsClient } from '../client/operationsClient.ts';
import type { LedgerFilter } from '../operationQueries.ts';
import type { OperationView, ProblemView } from '../operationView.ts';

/**
 * Spreadsheet exports of a joint operation (专项整治, issue #6): the problem ledger (问题台账) and the
 * coverage table (覆盖情况) as .xlsx workbooks that open in Excel and WPS.
 *
 *   GET /exports/operations/:id/ledger.xlsx?asOf=&status=&disposition=&groupId=
 *   GET /exports/operations/:id/coverage.xlsx?asOf=
 *
 * Everything comes from the operations service's own access-checked queries with the caller's token, so its
 * access rules apply as they do to the GraphQL queries: an unannounced group's targets (四不两直)
 * appear only to those who may see them, and an operation the caller may not read is a 404 (as an
 * unknown one: an export does not confirm that it exists). Dates and times are real Excel dates
 * holding the Beijing wall-clock time (the cell shows what a Beijing clock showed; no time zone is
 * stored in a cell), formatted `yyyy-mm-dd` or `yyyy-mm-dd hh:mm`; rates are fractions formatted `0.0%`.
 */

export const xlsxContentType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const csv = <T extends string>(item: z.ZodType<T, string>) =>
  z
    .string()
    .transform((v) => v.split(',').filter(Boolean))
    .pipe(z.array(item))
    .optional();

const CoverageQuery = z.object({ asOf: IsoDateTime.optional() });
const LedgerQuery = z.object({
  asOf: IsoDateTime.optional(),
  status: csv(ProblemStatus),
  disposition: csv(ProblemDisposition),
  groupId: z.string().min(1).optional(),
});

// ---------------------------------------------------------------- cells

const BEIJING_OFFSET_MS = 8 * 3_600_000;
const DATE_FORMAT = 'yyyy-mm-dd';
const DATE_TIME_FORMAT = 'yyyy-mm-dd hh:mm';
const PERCENT_FORMAT = '0.0%';
const YUAN_FORMAT = '#,##0.00';
/** Shown where a rate has no denominator (nothing assigned, an empty ledger). */
const NO_RATE = '—';

/**
 * An instant as an Excel date showing the Beijing wall-clock time: Excel cells have no zone, and
 * exceljs writes a Date by its UTC fields, so the instant is shifted by +08:00.
 */
const beijingDateTimeCell = (iso: string | null): Date | null => (iso === null ? null : new Date(Date.parse(iso) + BEIJING_OFFSET_MS));
/** A calendar day (`YYYY-MM-DD`, already a Beijing date) as an Excel date. */
const dateCell = (day: string | null): Date | null => (day === null ? null : new Date(`${day}T00:00:00Z`));
const rateCell = (rate: number | null): number | string => rate ?? NO_RATE;


type CellValue = string | number | Date | null;

interface Column {
  header: string;
  /** Cell number format (dates, rates, money). */
  numFmt?: string;
  /** Long text: wrapped, width capped. */
  wrap?: boolean;
  /** A fixed width (characters); otherwise fitted to the content. */
  width?: number;
  /** Horizontal alignment; default: Excel's (text left, numbers and dates right). */
  align?: 'left' | 'center' | 'right';
}

/** Points per line of 11-pt text, CJK included (Excel's and WPS's default row is 13.5–15). */
const LINE_HEIGHT = 15;

/** Display width of a value in Excel character units: CJK and full-width forms take two. */
const displayWidth = (value: CellValue, numFmt?: string): number => {
  if (value === null) return 0;
  if (value instanceof Date) return numFmt === DATE_TIME_FORMAT ? 17 : 11;
  if (typeof value === 'number') return numFmt === PERCENT_FORMAT ? 7 : Math.min(String(value).length, 12) + 2;
  return Math.max(
    ...value.split('\n').map((line) => [...line].reduce((sum, ch) => sum + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0)),
  );
};

/**
 * One table per sheet: a bold header row frozen at the top with an auto-filter, columns sized to
 * their content (long text wrapped at 48), numbers, dates and rates with their formats.
 */
const addTable = (workbook: ExcelJS.Workbook, name: string, columns: readonly Column[], rows: readonly CellValue[][]): ExcelJS.Worksheet => {
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }],
    // Printed (台账 are filed on paper): A4 landscape, one page wide, the header row on every page.
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' },
  });
  const widths = columns.map((c, index) => {
    const fitted = Math.max(displayWidth(c.header), ...rows.map((r) => displayWidth(r[index] ?? null, c.numFmt))) + 2;
    return c.width ?? Math.min(Math.max(fitted, 6), c.wrap ? 48 : 60);
  });
  sheet.columns = columns.map((c, index) => ({
    header: c.header,
    width: widths[index],
    style: {
      ...(c.numFmt ? { numFmt: c.numFmt } : {}),
      alignment: { vertical: 'top', ...(c.wrap ? { wrapText: true } : {}), ...(c.align ? { horizontal: c.align } : {}) },
    },
  }));
  for (const values of rows) {
    const row = sheet.addRow(values);
    // Row heights of wrapped text, estimated: not every spreadsheet program grows a row on opening.
    const lines = Math.max(
      1,
      ...columns.map((c, index) => {
        const value = values[index];
        if (!c.wrap || typeof value !== 'string') return 1;
        const perLine = Math.max(widths[index]! - 2, 1);
        return value.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil(displayWidth(line) / perLine)), 0);
      }),
    );
    if (lines > 1) row.height = lines * LINE_HEIGHT;
  }
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return sheet;
};

const newWorkbook = (title: string, subject: string): ExcelJS.Workbook => {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '衔接 Xianjie';
  workbook.title = title;
  workbook.subject = subject;
  workbook.created = new Date();
  return workbook;
};

/** 导出说明: what the workbook is, as of when, for whom (an export leaves the platform's access checks behind). */
const addAbout = (workbook: ExcelJS.Workbook, rows: [string, CellValue][]): void => {
  const sheet = addTable(workbook, '导出说明', [{ header: '项目' }, { header: '内容', wrap: true, width: 60, align: 'left' }], rows);
  rows.forEach(([, value], index) => {
    if (value instanceof Date) sheet.getCell(index + 2, 2).numFmt = DATE_TIME_FORMAT;
  });
};

// ---------------------------------------------------------------- workbooks

export interface ExportContext {
  operation: OperationView;
  /** The time the figures are as of (the request's `asOf`, or now). */
  asOf: string;
  exportedAt: string;
  exportedBy: string;
  agencyName: (agencyId: string) => string;
  /** A region's name from the directory file; a code it does not name is shown as it is. */
  regionName: (regionCode: string) => string;
}

const groupName = (operation: OperationView, groupId: string): string =>
  operation.groups.find((g) => g.groupId === groupId)?.name ?? groupId;

const aboutRows = (ctx: ExportContext, what: string, extra: [string, CellValue][] = []): [string, CellValue][] => [
  ['专项整治', ctx.operation.title],
  ['牵头单位', ctx.agencyName(ctx.operation.leadAgencyId)],
  ['参与单位', ctx.operation.participantAgencyIds.map(ctx.agencyName).join('、')],
  ['整治期间', `${ctx.operation.startsOn} 至 ${ctx.operation.endsOn}`],
  ['状态', operationStatusLabels[ctx.operation.status]],
  ['内容', what],
  ['数据截至（北京时间）', beijingDateTimeCell(ctx.asOf)],
  ['导出时间（北京时间）', beijingDateTimeCell(ctx.exportedAt)],
  ['导出人', ctx.exportedBy],
  ...extra,
  [
    '说明',
    '按导出人的权限导出：“四不两直”检查组尚未检查的对象不列出。日期为北京时间；内含执法工作信息，请按规定保管，不得擅自扩散。',
  ],
];

export const ledgerColumns: readonly Column[] = [
  { header: '序号', align: 'center' },
  { header: '问题编号' },
  { header: '检查组' },
  { header: '地区' },
  { header: '行政区划代码' },
  { header: '单位名称', wrap: true },
  { header: '统一社会信用代码' },
  { header: '发现问题', wrap: true },
  { header: '重点事项', wrap: true },
  { header: '违法情形', wrap: true },
  { header: '处置方式', wrap: true },
  { header: '承办机关', wrap: true },
  { header: '涉案金额（元）', numFmt: YUAN_FORMAT },
  { header: '登记时间', numFmt: DATE_TIME_FORMAT },
  { header: '整改期限', numFmt: DATE_FORMAT },
  { header: '整改状态' },
  { header: '是否逾期' },
  { header: '整改情况', wrap: true },
  { header: '销号日期', numFmt: DATE_FORMAT },
  { header: '核查意见', wrap: true },
  { header: '回头看', wrap: true },
  { header: '反弹', wrap: true },
  { header: '关联案件', wrap: true },
  { header: '备注', wrap: true },
];

const shortTransferKind = (kind: keyof typeof transferKindLabels): string => transferKindLabels[kind].split('（')[0]!;

const ledgerRow = (ctx: ExportContext, p: ProblemView, index: number): CellValue[] => {
  const focus = p.focusItemIds.map((id) => {
    const item = ctx.operation.focusItems.find((f) => f.itemId === id);
    return item ? `${id} ${item.title}` : id;
  });
  const disposition =
    p.suspended.length > 0
      ? `${problemDispositionLabels[p.disposition]}（暂停${p.suspended.map((s) => suspendedActivityLabels[s]).join('、')}）`
      : problemDispositionLabels[p.disposition];
  const status = p.rejections.length > 0 ? `${problemStatusLabels[p.status]}（整改报告退回${p.rejections.length}次）` : problemStatusLabels[p.status];
  const cases = [
    p.case ? `${p.case.caseNumber}（${ctx.agencyName(p.case.agencyId)}立案）` : p.referredAt ? '已移交立案，待承办机关登记' : null,
    ...p.caseTransfers.map((t) => `${shortTransferKind(t.kind)}：已移送${ctx.agencyName(t.toAgencyId)}（${beijingDate(t.transferredAt)}）`),
    p.awaitingPoliceTransfer ? '待移送公安机关' : null,
  ].filter((line): line is string => line !== null);
  return [
    index + 1,
    p.findingId,
    groupName(ctx.operation, p.groupId),
    ctx.regionName(p.regionCode),
    p.regionCode,
    p.targetName,
    p.targetCreditCode,
    p.description,
    focus.join('\n') || null,
    p.violations.map((v) => violationLabels[v] ?? v).join('；') || null,
    disposition,
    p.handlingAgencyId ? ctx.agencyName(p.handlingAgencyId) : null,
    p.amountInvolvedFen === null ? null : p.amountInvolvedFen / 100,
    beijingDateTimeCell(p.registeredAt),
    dateCell(p.rectificationDueOn),
    status,
    p.overdue ? '是' : '否',
    p.reports.map((r) => `${beijingDate(r.reportedAt)} ${r.summary}`).join('\n') || null,
    p.status === 'CLOSED' && p.verifiedAt ? dateCell(beijingDate(p.verifiedAt)) : null,
    verificationCell(p),
    p.followUps
      .map((f) => `${f.scheduledOn} ${f.inspectedAt ? `已开展（${beijingDate(f.inspectedAt)}）` : '待开展'}${f.reason ? `：${f.reason}` : ''}`)
      .join('\n') || null,
    p.relapses.map((r) => `${beijingDate(r.relapsedAt)} ${r.description}（重新整改期限 ${r.rectificationDueOn}）`).join('\n') || null,
    cases.join('\n') || null,
    p.note,
  ];
};

/** 核查意见 as filed: the note, then 谁检查、谁签名、谁负责 and what they found (a 销号 recorded before opinions were required has the note only). */
const verificationCell = (p: ProblemView): string | null => {
  const o = p.verificationOpinion;
  const names = (people: readonly { name: string }[]) => people.map((x) => x.name).join('、');
  const opinion = o
    ? `${verificationMethodLabels[o.method]}（${beijingDate(o.checkedAt)}）：${o.findings}\n检查人：${names(o.checkedBy)}；签名：${names(o.signedBy)}；负责人：${o.responsible.name}`
    : null;
  return [p.verificationNote, opinion].filter((x) => x !== null).join('\n') || null;
};

/** 问题台账: one row per ledger entry the caller may see, in ledger order. */
export const ledgerWorkbook = (ctx: ExportContext, ledger: readonly ProblemView[]): ExcelJS.Workbook => {
  const workbook = newWorkbook(`${ctx.operation.title} 问题台账`, '问题台账');
  addTable(workbook, '问题台账', ledgerColumns, ledger.map((p, index) => ledgerRow(ctx, p, index)));
  addAbout(workbook, aboutRows(ctx, '问题台账', [['问题数', ledger.length]]));
  return workbook;
};

const coverageColumns: readonly Column[] = [
  { header: '应查数' },
  { header: '已查数' },
  { header: '覆盖率', numFmt: PERCENT_FORMAT, align: 'right' },
];
const coverageCells = (c: { assigned: number; inspected: number; coverage: number | null }): CellValue[] => [c.assigned, c.inspected, rateCell(c.coverage)];

/**
 * The targets the caller may not place (四不两直: an unannounced group's, not yet inspected): one
 * row without a region, so the regions add up to the totals and none of them moves with a hidden
 * target. Uninspected by definition (an inspection reveals its target).
 */
const undisclosedRow = (progress: OperationProgress, index: number): CellValue[][] => {
  const placed = progress.byRegion.reduce((sum, r) => sum + r.assigned, 0);
  const unplaced = progress.targets.assigned - placed;
  return unplaced > 0 ? [[index, '其他/未公开（四不两直）', '', ...coverageCells({ assigned: unplaced, inspected: 0, coverage: 0 })]] : [];
};

/**
 * 覆盖情况: totals, coverage by group, region and phase (应查数 / 已查数 / 覆盖率), the ledger by
 * disposition with the closure rate (销号率), overdue rectifications, and the targets the caller may
 * see (an unannounced group's uninspected targets are counted, never named, for others).
 */
export const coverageWorkbook = (ctx: ExportContext, progress: OperationProgress): ExcelJS.Workbook => {
  const { operation } = ctx;
  const workbook = newWorkbook(`${operation.title} 覆盖情况`, '覆盖情况');

  const summary = addTable(
    workbook,
    '总体情况',
    [{ header: '项目' }, { header: '数值', align: 'right' }],
    [
      ['应查数', progress.targets.assigned],
      ['已查数', progress.targets.inspected],
      ['覆盖率', rateCell(progress.targets.coverage)],
      ['检查次数', progress.inspections.regular],
      ['回头看次数', progress.inspections.followUps],
      ['问题数', progress.ledger.problems],
      ['整改中', progress.ledger.open],
      ['已报整改待核查', progress.ledger.reported],
      ['已销号', progress.ledger.closed],
      ['销号率', rateCell(progress.ledger.closureRate)],
      ['逾期未整改', progress.overdue.length],
      ['已发现未入台账', progress.findingsNotInLedger],
      ['移交立案', progress.cases.referred],
      ['已立案', progress.cases.opened],
      ['已移送公安', progress.cases.transferredToPolice],
      ['反弹次数（回头看）', progress.ledger.relapses],
      ...(progress.selfInspection
        ? [
            ['自查自纠已报送', progress.selfInspection.reported],
            ['自查自纠逾期报送', progress.selfInspection.late],
            ['自查自纠未报送', progress.selfInspection.missing],
          ]
        : []),
    ],
  );
  for (const row of [4, 11]) summary.getCell(row, 2).numFmt = PERCENT_FORMAT;

  addTable(
    workbook,
    '按检查组',
    [{ header: '序号', align: 'center' }, { header: '检查组' }, ...coverageColumns, { header: '未列出对象数（四不两直）' }],
    progress.byGroup.map((g, index) => [
      index + 1,
      g.name,
      ...coverageCells(g),
      operation.groups.find((v) => v.groupId === g.groupId)?.hiddenTargets ?? 0,
    ]),
  );
  addTable(
    workbook,
    '按地区',
    [{ header: '序号', align: 'center' }, { header: '地区' }, { header: '行政区划代码' }, ...coverageColumns],
    [
      ...progress.byRegion.map((r, index) => [index + 1, ctx.regionName(r.regionCode), r.regionCode, ...coverageCells(r)]),
      ...undisclosedRow(progress, progress.byRegion.length + 1),
    ],
  );
  addTable(
    workbook,
    '按阶段',
    [
      { header: '序号', align: 'center' },
      { header: '阶段' },
      { header: '阶段类型' },
      { header: '开始日期', numFmt: DATE_FORMAT },
      { header: '结束日期', numFmt: DATE_FORMAT },
      ...coverageColumns,
      { header: '回头看次数' },
      { header: '登记问题数' },
    ],
    progress.byPhase.map((p, index) => [
      index + 1,
      p.name,
      operationPhaseKindLabels[p.kind],
      dateCell(p.startsOn),
      dateCell(p.endsOn),
      ...coverageCells(p),
      p.followUps,
      p.problemsRegistered,
    ]),
  );
  const byDisposition = progress.ledger.byDisposition;
  addTable(
    workbook,
    '按处置方式',
    [{ header: '处置方式' }, { header: '问题数' }, { header: '已销号' }, { header: '销号率', numFmt: PERCENT_FORMAT, align: 'right' }],
    [
      ...byDisposition.map((d) => [problemDispositionLabels[d.disposition], d.problems, d.closed, rateCell(d.problems === 0 ? null : d.closed / d.problems)]),
      ['合计', progress.ledger.problems, progress.ledger.closed, rateCell(progress.ledger.closureRate)],
    ],
  ).getRow(byDisposition.length + 2).font = { bold: true };
  addTable(
    workbook,
    '逾期整改',
    [
      { header: '序号', align: 'center' },
      { header: '问题编号' },
      { header: '检查组' },
      { header: '地区' },
      { header: '单位名称', wrap: true },
      { header: '统一社会信用代码' },
      { header: '处置方式' },
      { header: '整改期限', numFmt: DATE_FORMAT },
      { header: '逾期天数' },
      { header: '回头看安排', numFmt: DATE_FORMAT },
      { header: '整改报告被退回' },
    ],
    progress.overdue.map((o, index) => [
      index + 1,
      o.findingId,
      groupName(operation, o.groupId),
      ctx.regionName(o.regionCode),
      o.targetName,
      o.targetCreditCode,
      problemDispositionLabels[o.disposition],
      dateCell(o.rectificationDueOn),
      o.daysOverdue,
      dateCell(o.followUpScheduledOn),
      o.rejected ? '是' : '否',
    ]),
  );
  const targets = [
    ...operation.groups.flatMap((g) => g.targets.map((t) => ({ group: g.name, ...t }))),
    ...(operation.unassignedTargets ?? []).map((t) => ({ group: '未分配', ...t })),
  ];
  addTable(
    workbook,
    '检查对象',
    [
      { header: '序号', align: 'center' },
      { header: '检查组' },
      { header: '地区' },
      { header: '行政区划代码' },
      { header: '单位名称', wrap: true },
      { header: '统一社会信用代码' },
      { header: '计划检查日期', numFmt: DATE_FORMAT },
      { header: '检查时间', numFmt: DATE_TIME_FORMAT },
      { header: '检查状态' },
    ],
    targets.map((t, index) => [
      index + 1,
      t.group,
      ctx.regionName(t.regionCode),
      t.regionCode,
      t.name,
      t.creditCode,
      dateCell(t.plannedOn),
      beijingDateTimeCell(t.inspectedAt),
      t.inspectionId ? '已检查' : '未检查',
    ]),
  );
  addAbout(workbook, aboutRows(ctx, '覆盖情况（应查数、已查数、覆盖率；问题按处置方式与销号率）'));
  return workbook;
};

// ---------------------------------------------------------------- HTTP

/** `attachment` with the Chinese name per RFC 6266/5987 and an ASCII fallback for old clients. */
export const contentDisposition = (fileName: string, asciiFallback: string): string => {
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${asciiFallback.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encoded}`;
};

/** A title fit for a file name on Windows, macOS and Linux. */
const fileSafe = (text: string): string =>
  [...text]
    .map((ch) => (ch.charCodeAt(0) < 0x20 || '\\/:*?"<>|'.includes(ch) ? '_' : ch))
    .join('')
    .trim()
    .slice(0, 80);

const sendWorkbook = async (res: Response, workbook: ExcelJS.Workbook, fileName: string, asciiFallback: string): Promise<void> => {
  const body = Buffer.from(await workbook.xlsx.writeBuffer());
  res
    .status(200)
    .set({
      'Content-Type': xlsxContentType,
      'Content-Disposition': contentDisposition(fileName, asciiFallback),
      'Content-Length': String(body.length),
      // Access-checked data: never kept by a shared cache.
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    })
    .end(body);
};

export interface OperationExportsOptions {
  /** The service's own access-checked queries (the in-process client). */
  operations: Pick<OperationsClient, 'operation' | 'ledger' | 'progress'>;
  verifier: TokenVerifier;
  directory: AgencyDirectory;
  regionNames: ReadonlyMap<string, string>;
  logger: Logger;
}

/** The download routes of the operations service (served alone, and mounted by the embedded platform). */
export const createOperationExportsRouter = (platform: OperationExportsOptions): Router => {
  const router = express.Router();
  const logger = platform.logger.child({ component: 'operation-exports' });

  const authOf = async (req: Request): Promise<CallerAuth> => {
    const header = req.header('authorization');
    if (!header) throw new UnauthenticatedError();
    const principal = await platform.verifier.verify(header);
    return { principal, token: header.replace(/^Bearer\s+/i, ''), correlationId: req.header('x-correlation-id') ?? randomUUID() };
  };

  /** Reading the operation first: unknown and unreadable alike are a 404, before anything else is fetched. */
  const readOperation = async (id: string, asOf: string | undefined, auth: CallerAuth): Promise<OperationView> => {
    try {
      return await platform.operations.operation(id, asOf, auth);
    } catch (error) {
      if (isXianjieError(error) && (error.code === 'FORBIDDEN' || error.code === 'NOT_FOUND')) throw new NotFoundError('Operation', id);
      throw error;
    }
  };

  const context = (operation: OperationView, asOf: string | undefined, auth: CallerAuth): ExportContext => {
    const exportedAt = new Date().toISOString();
    return {
      operation,
      asOf: asOf ?? exportedAt,
      exportedAt,
      exportedBy: `${auth.principal.name}（${platform.directory.get(auth.principal.agencyId)?.name ?? auth.principal.agencyId}）`,
      agencyName: (agencyId) => platform.directory.get(agencyId)?.name ?? agencyId,
      regionName: (code) => platform.regionNames.get(code) ?? code,
    };
  };

  const fileName = (operation: OperationView, what: string, asOf: string | undefined) =>
    `${fileSafe(operation.title)}-${what}${asOf ? `-截至${beijingDate(asOf)}` : ''}.xlsx`;

  const route =
    (handler: (req: Request, res: Response) => Promise<void>) =>
    async (req: Request, res: Response, next: NextFunction): Promise<void> => {
      try {
        await handler(req, res);
      } catch (error) {
        // Access withdrawn between two reads of one export: still told as an unknown operation.
        next(isXianjieError(error) && error.code === 'FORBIDDEN' ? new NotFoundError('Operation', String(req.params.id)) : error);
      }
    };

  router.get(
    '/exports/operations/:id/ledger.xlsx',
    route(async (req, res) => {
      const auth = await authOf(req);
      const q = parseInput(LedgerQuery, req.query);
      const id = String(req.params.id);
      const operation = await readOperation(id, q.asOf, auth);
      const filter: LedgerFilter = {
        ...(q.asOf ? { asOf: q.asOf } : {}),
        ...(q.status ? { status: q.status } : {}),
        ...(q.disposition ? { disposition: q.disposition } : {}),
        ...(q.groupId ? { groupId: q.groupId } : {}),
      };
      const ledger = await platform.operations.ledger(id, filter, auth);
      const ctx = context(operation, q.asOf, auth);
      await sendWorkbook(res, ledgerWorkbook(ctx, ledger), fileName(operation, '问题台账', q.asOf), `operation-${id}-ledger.xlsx`);
    }),
  );

  router.get(
    '/exports/operations/:id/coverage.xlsx',
    route(async (req, res) => {
      const auth = await authOf(req);
      const q = parseInput(CoverageQuery, req.query);
      const id = String(req.params.id);
      const operation = await readOperation(id, q.asOf, auth);
      const progress = await platform.operations.progress(id, q.asOf, auth);
      const ctx = { ...context(operation, q.asOf, auth), asOf: progress.asOf };
      await sendWorkbook(res, coverageWorkbook(ctx, progress), fileName(operation, '覆盖情况', q.asOf), `operation-${id}-coverage.xlsx`);
    }),
  );

  // Errors as JSON in the services' shape ({ error: { code, message, … } }): these are not GraphQL routes.
  router.use('/exports', (error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    if (isXianjieError(error)) {
      res.status(httpStatusOf(error.code)).json({ error: errorToWire(error) });
      return;
    }
    logger.error({ err: error }, 'export failed');
    res.status(500).json({ error: { code: 'INTERNAL', message: 'internal error' } });
  });

  return router;
};
