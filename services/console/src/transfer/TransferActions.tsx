import { useQuery } from '@tanstack/react-query';
import { Button, Form, Radio, Select, Space } from 'antd';
import { useState } from 'react';
import type { ReactNode } from 'react';
import { gql, newCommandId } from '../api/client.ts';
import { CommandModal, useDoneNotice } from '../components/CommandModal.tsx';
import { BeijingTimeField, beijingIso, MaterialsField, optionsOf, ReasonField, SelectField, TextField, withoutEmpty } from '../components/formFields.tsx';
import type { MaterialValue } from '../components/formFields.tsx';
import type { TransferDetailQuery, TransferStepInput } from '../gql/graphql.ts';
import {
  clueDispositionLabels,
  declineReasonLabels,
  materialKindLabels,
  noticeMethodLabels,
  transferOutcomeLabels,
} from '../i18n/dictionary.ts';
import * as m from './transferMutations.ts';
import { availableTransferCommands } from './transferRules.ts';
import type { TransferCommand } from './transferRules.ts';

export type TransferDetail = NonNullable<TransferDetailQuery['transfer']>;

type Values = Record<string, unknown>;

interface ActionSpec {
  label: string;
  danger?: boolean;
  primary?: boolean;
  fields: (transfer: TransferDetail) => ReactNode;
  initialValues?: (transfer: TransferDetail) => Values;
  run: (transfer: TransferDetail, values: Values, base: { transferId: string; expectedVersion: number; commandId: string }) => Promise<unknown>;
}

/** The step commands that take only a reason (and, for some, a category or document number). */
type StepDocument = typeof m.approveTransfer;
const step = (document: { toString(): string }) => (_t: TransferDetail, values: Values, base: object) =>
  gql(document as StepDocument, { input: withoutEmpty({ ...base, ...values }) as unknown as TransferStepInput });

function ForwardTargetField({ transfer }: { transfer: TransferDetail }) {
  // 转送 goes to the competent agency of the same kind.
  const agencies = useQuery({
    queryKey: ['agencies', transfer.toAgency.kind],
    queryFn: async () => (await gql(m.agenciesQuery, { kind: transfer.toAgency.kind })).agencies,
  });
  return (
    <Form.Item name="toAgencyId" label="转送至" rules={[{ required: true, message: '请选择有管辖权的机关' }]}>
      <Select
        showSearch={{ optionFilterProp: 'label' }}
        loading={agencies.isPending}
        placeholder="请选择有管辖权的机关"
        data-testid="field-toAgencyId"
        options={(agencies.data ?? []).filter((a) => a.id !== transfer.toAgency.id).map((a) => ({ value: a.id, label: a.name }))}
      />
    </Form.Item>
  );
}

const extensionOptions = [
  { value: 'COMPLEX', label: '案件较为复杂' },
  { value: 'MAJOR_COMPLEX', label: '案情重大、疑难、复杂或者跨区域性' },
];

/** Who decides on a criminal transfer (Decree art. 5), shown on the approval and the refusal. */
function WhoDecides({ transfer }: { transfer: TransferDetail }) {
  if (transfer.kind !== 'CRIMINAL') return null;
  return (
    <p style={{ color: '#555' }} data-testid="who-decides">
      决定人：本机关正职负责人或者主持工作的负责人（《行政执法机关移送涉嫌犯罪案件的规定》第五条）；专案组：
      {transfer.caseTeam.map((member) => member.name).join('、') || '—'}
    </p>
  );
}

/** 涉案财物一并移送并书面告知当事人 (《行政强制法》第二十一条), when the proposal declared seized property. */
function PropertyHandOverFields({ transfer }: { transfer: TransferDetail }) {
  if (!transfer.seizedProperty) return null;
  return (
    <fieldset style={{ border: '1px solid #f0f0f0', padding: '8px 12px', marginBottom: 12 }} data-testid="property-hand-over">
      <legend style={{ fontSize: 14, width: 'auto', padding: '0 4px' }}>查封、扣押财物一并移送（《行政强制法》第二十一条）</legend>
      <TextField name="inventory" label="财物移交清单" max={500} />
      <BeijingTimeField name="handedOverAt" label="移交时间" />
      <BeijingTimeField name="notifiedAt" label="书面告知当事人日期" />
      <SelectField name="noticeMethod" label="送达方式" options={optionsOf(noticeMethodLabels)} />
      <TextField name="noticeNumber" label="告知书文号" required={false} />
    </fieldset>
  );
}

export const transferActionSpecs: Record<TransferCommand, ActionSpec> = {
  approveTransfer: {
    label: '批准移送',
    primary: true,
    fields: (t) => (
      <>
        <WhoDecides transfer={t} />
        <PropertyHandOverFields transfer={t} />
        <ReasonField label="审批意见" required={false} />
      </>
    ),
    run: (t, values, base) =>
      gql(m.approveTransfer, {
        input: withoutEmpty({
          ...base,
          reason: values.reason as string,
          ...(t.seizedProperty
            ? {
                propertyHandOver: { inventory: String(values.inventory), handedOverAt: beijingIso(values.handedOverAt)! },
                partyNotice: withoutEmpty({
                  notifiedAt: beijingIso(values.notifiedAt)!,
                  method: values.noticeMethod as never,
                  documentNumber: values.noticeNumber as string,
                }),
              }
            : {}),
        }) as unknown as TransferStepInput,
      }),
  },
  refuseTransfer: {
    label: '不批准移送',
    danger: true,
    fields: (t) => (
      <>
        <WhoDecides transfer={t} />
        <ReasonField label="不批准理由" />
      </>
    ),
    run: step(m.refuseTransfer),
  },
  receiveTransfer: {
    label: '签收',
    primary: true,
    fields: () => <ReasonField label="签收备注" required={false} />,
    run: step(m.receiveTransfer),
  },
  requestSupplement: {
    label: '通知补正材料',
    fields: () => (
      <>
        <SelectField name="requested" label="需补正的材料" options={optionsOf(materialKindLabels)} multiple />
        <ReasonField label="补正说明" />
      </>
    ),
    run: (_t, values, base) =>
      gql(m.requestSupplement, { input: { ...base, requested: values.requested as never, reason: String(values.reason) } }),
  },
  supplyMaterials: {
    label: '补正材料',
    primary: true,
    fields: () => (
      <>
        <MaterialsField label="补正的材料" />
        <ReasonField label="补正说明" required={false} />
      </>
    ),
    initialValues: (t) => ({
      materials: (t.supplementRequest?.requested ?? []).map((kind) => ({ kind, title: '' })),
    }),
    run: (_t, values, base) =>
      gql(m.supplyMaterials, { input: withoutEmpty({ ...base, materials: values.materials as MaterialValue[] as never, reason: values.reason as string }) }),
  },
  acceptTransfer: {
    label: '立案/受理',
    primary: true,
    fields: (t) => (
      <>
        <TextField
          name="documentNumber"
          label="立案决定书/受理通知书文号"
          required={['FILING_ORDERED', 'PROCURATORATE_INQUIRY', 'NON_FILING_EXPLAINED', 'SUPERVISION_SUGGESTED'].includes(t.status)}
        />
        {(t.seizedProperty || t.propertyHandOver) && <BeijingTimeField name="propertyReceivedAt" label="随案财物接收时间" />}
        <ReasonField label="说明" required={false} />
      </>
    ),
    run: (_t, values, base) =>
      gql(m.acceptTransfer, {
        input: withoutEmpty({
          ...base,
          documentNumber: values.documentNumber as string,
          reason: values.reason as string,
          propertyReceivedAt: beijingIso(values.propertyReceivedAt),
        }) as unknown as TransferStepInput,
      }),
  },
  declineTransfer: {
    label: '不予立案/不予受理',
    danger: true,
    fields: () => (
      <>
        {/* 材料不全 is cured by 补正, never a reason to decline: the rule refuses it, so it is not offered. */}
        <SelectField name="reasonCategory" label="不予立案类别" options={optionsOf(declineReasonLabels, ['MISSING_MATERIALS'])} />
        <ReasonField label="不予立案理由" />
      </>
    ),
    run: step(m.declineTransfer),
  },
  requestReconsideration: { label: '提请复议', fields: () => <ReasonField label="复议理由" />, run: step(m.requestReconsideration) },
  decideReconsideration: {
    label: '作出复议决定',
    primary: true,
    fields: () => (
      <>
        <Form.Item name="accept" label="复议决定" rules={[{ required: true, message: '请选择复议决定' }]}>
          <Radio.Group data-testid="field-accept">
            <Radio value={true}>撤销原决定，予以立案</Radio>
            <Radio value={false}>维持不予立案决定</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item noStyle dependencies={['accept']}>
          {({ getFieldValue }) => <ReasonField label="复议理由" required={getFieldValue('accept') === false} />}
        </Form.Item>
      </>
    ),
    run: (_t, values, base) =>
      gql(m.decideReconsideration, { input: withoutEmpty({ ...base, accept: Boolean(values.accept), reason: values.reason as string }) }),
  },
  returnTransfer: { label: '退回', danger: true, fields: () => <ReasonField label="退回理由（非本机关管辖）" />, run: step(m.returnTransfer) },
  forwardTransfer: {
    label: '转送',
    fields: (t) => (
      <>
        <ForwardTargetField transfer={t} />
        <ReasonField label="转送理由" />
      </>
    ),
    run: (_t, values, base) =>
      gql(m.forwardTransfer, { input: { ...base, toAgencyId: String(values.toAgencyId), reason: String(values.reason) } }),
  },
  extendDeadline: {
    label: '延长期限',
    fields: () => (
      <>
        <SelectField name="extension" label="延长情形" options={extensionOptions} />
        <ReasonField label="延长理由" />
      </>
    ),
    run: (_t, values, base) =>
      gql(m.extendDeadline, { input: { ...base, extension: String(values.extension), reason: String(values.reason) } }),
  },
  suggestProcuratorateSupervision: {
    label: '建议检察院立案监督',
    fields: () => <ReasonField label="建议理由" />,
    run: step(m.suggestProcuratorateSupervision),
  },
  handOverMaterials: {
    label: '移交涉案物品及材料',
    fields: () => (
      <>
        <MaterialsField label="移交的物品和材料" />
        <ReasonField label="说明" required={false} />
      </>
    ),
    run: (_t, values, base) =>
      gql(m.handOverMaterials, { input: withoutEmpty({ ...base, materials: values.materials as MaterialValue[] as never, reason: values.reason as string }) }),
  },
  recordTransferResult: {
    label: '结果反馈',
    primary: true,
    fields: () => (
      <>
        <SelectField name="outcome" label="处理结果" options={optionsOf(transferOutcomeLabels)} />
        <ReasonField name="result" label="结果说明（判决/处罚决定/处分及文号）" />
      </>
    ),
    run: (_t, values, base) =>
      gql(m.recordTransferResult, { input: { ...base, outcome: values.outcome as never, result: String(values.result) } }),
  },
  closeTransfer: {
    label: '办结',
    fields: (t) => <ReasonField label="办结说明（案件如何处理）" required={t.status !== 'RESULT_RECORDED'} />,
    run: step(m.closeTransfer),
  },
  disposeClue: {
    label: '线索处置',
    primary: true,
    fields: () => (
      <>
        <SelectField name="disposition" label="处置方式" options={optionsOf(clueDispositionLabels)} />
        <ReasonField label="处置理由" />
      </>
    ),
    run: (_t, values, base) =>
      gql(m.disposeClue, { input: { ...base, disposition: values.disposition as never, reason: String(values.reason) } }),
  },
  recordProcuratorateInquiry: {
    label: '记录检察院要求说明不立案理由',
    fields: () => <TextField name="documentNumber" label="要求说明不立案理由通知书文号" />,
    run: (_t, values, base) => gql(m.recordProcuratorateInquiry, { input: { ...base, documentNumber: String(values.documentNumber) } }),
  },
  explainNonFiling: {
    label: '说明不立案理由',
    fields: () => <ReasonField name="explanation" label="不立案理由说明" />,
    run: (_t, values, base) => gql(m.explainNonFiling, { input: { ...base, explanation: String(values.explanation) } }),
  },
  recordProcuratorateFilingOrder: {
    label: '记录检察院通知立案',
    fields: () => <TextField name="documentNumber" label="通知立案书文号" />,
    run: (_t, values, base) => gql(m.recordProcuratorateFilingOrder, { input: { ...base, documentNumber: String(values.documentNumber) } }),
  },
};

/**
 * The transfer's action buttons for the caller (by side, role and status), each opening its form.
 * Every command carries the transfer's `version` as expectedVersion and a fresh commandId.
 */
export function TransferActions({
  transfer,
  caller,
  onChanged,
}: {
  transfer: TransferDetail;
  caller: { agencyId: string; roles: readonly string[] };
  onChanged: () => void;
}) {
  const [open, setOpen] = useState<TransferCommand | null>(null);
  const [notifyDone, noticeHolder] = useDoneNotice();
  const commands = availableTransferCommands(transfer, caller);
  if (commands.length === 0) return noticeHolder;
  const spec = open ? transferActionSpecs[open] : null;
  return (
    <>
      {noticeHolder}
      <Space wrap data-testid="transfer-actions">
        {commands.map((command) => (
          <Button
            key={command}
            type={transferActionSpecs[command].primary ? 'primary' : 'default'}
            danger={transferActionSpecs[command].danger}
            onClick={() => setOpen(command)}
            data-testid={`action-${command}`}
          >
            {transferActionSpecs[command].label}
          </Button>
        ))}
      </Space>
      {open && spec && (
        <CommandModal<Values>
          open
          title={spec.label}
          testId={`form-${open}`}
          danger={spec.danger}
          okText={spec.label}
          initialValues={spec.initialValues?.(transfer)}
          run={(values) =>
            spec.run(transfer, values, { transferId: transfer.id, expectedVersion: transfer.version, commandId: newCommandId() })
          }
          onClose={() => setOpen(null)}
          onDone={() => {
            notifyDone(spec.label);
            onChanged();
          }}
          onRefresh={onChanged}
        >
          {spec.fields(transfer)}
        </CommandModal>
      )}
    </>
  );
}
