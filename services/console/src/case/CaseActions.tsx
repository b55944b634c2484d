import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Checkbox, Flex, Form, Input, InputNumber, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { gql, newCommandId } from '../api/client.ts';
import { CommandModal, useDoneNotice } from '../components/CommandModal.tsx';
import { MaterialsField, optionsOf, ReasonField, SelectField, TextField, withoutEmpty } from '../components/formFields.tsx';
import type { MaterialValue } from '../components/formFields.tsx';
import type { CaseStepInput } from '../gql/graphql.ts';
import {
  evidenceKindLabels,
  label,
  materialKindLabels,
  officialAllegationLabels,
  penaltyKindLabels,
  transferKindLabels,
} from '../i18n/dictionary.ts';
import { agenciesQuery, proposeTransfer } from '../transfer/transferMutations.ts';
import * as m from './caseMutations.ts';
import { fetchDemoUsers } from '../auth/session.ts';
import { availableCaseCommands, caseTeamMinByKind, conditionalMaterialsByKind, receiverKindsOf, requiredMaterialsByKind, seizedPropertyKinds } from './caseRules.ts';
import type { CaseCommand } from './caseRules.ts';

type Values = Record<string, unknown>;

interface CaseFacts {
  id: string;
  version: number;
  status: string;
  agency: { id: string };
}

interface Base {
  caseId: string;
  expectedVersion: number;
  commandId: string;
}

interface Caller {
  userId: string;
  name: string;
  agencyId: string;
  roles: readonly string[];
}

interface CaseActionSpec {
  label: string;
  primary?: boolean;
  danger?: boolean;
  fields: (caller: Caller) => ReactNode;
  run: (values: Values, base: Base, caller: Caller) => Promise<unknown>;
}

/** The form's names of the inputs' fields where they differ (official.name → officialName, …amountFen → …amountYuan). */
const caseFieldOf = (path: Array<string | number>): Array<string | number> => {
  const [head, sub] = path;
  if (head === 'official' && typeof sub === 'string') return [`official${sub.charAt(0).toUpperCase()}${sub.slice(1)}`];
  if (head === 'penalties' && path[2] === 'amountFen') return ['penalties', path[1]!, 'amountYuan'];
  return path;
};

/** 元 as typed → 分 as the API keeps money. */
const toFen = (yuan: unknown): number | undefined => (typeof yuan === 'number' ? Math.round(yuan * 100) : undefined);

const caseStep = (document: { toString(): string }) => (values: Values, base: Base) =>
  gql(document as typeof m.fileCase, { input: withoutEmpty({ ...base, reason: values.reason as string | undefined }) as CaseStepInput });

function ReceiverField() {
  const form = Form.useFormInstance();
  const kind = Form.useWatch('kind', form) as string | undefined;
  const agencies = useQuery({ queryKey: ['agencies', 'all'], queryFn: async () => (await gql(agenciesQuery, {})).agencies });
  const options = (agencies.data ?? [])
    .filter((agency) => !kind || receiverKindsOf[kind]?.includes(agency.kind))
    .map((agency) => ({ value: agency.id, label: agency.name }));
  return (
    <Form.Item name="toAgencyId" label="接收机关" rules={[{ required: true, message: '请选择接收机关' }]}>
      <Select showSearch={{ optionFilterProp: 'label' }} options={options} loading={agencies.isPending} placeholder="请选择接收机关" data-testid="field-toAgencyId" />
    </Form.Item>
  );
}

/** On choosing the kind, the materials it requires are added to the list (named by their kind, to be edited). */
function RequiredMaterials() {
  const form = Form.useFormInstance();
  const kind = Form.useWatch('kind', form) as string | undefined;
  const required = kind ? (requiredMaterialsByKind[kind] ?? []) : [];
  useEffect(() => {
    if (!kind) return;
    const current = ((form.getFieldValue('materials') as MaterialValue[] | undefined) ?? []).filter((m) => m?.kind || m?.title);
    const missing = (requiredMaterialsByKind[kind] ?? []).filter((k) => !current.some((m) => m.kind === k));
    if (missing.length > 0) form.setFieldValue('materials', [...current, ...missing.map((k) => ({ kind: k, title: label(materialKindLabels, k) }))]);
  }, [kind, form]);
  if (required.length === 0) return null;
  return (
    <p style={{ marginTop: -8, color: '#666' }} data-testid="required-materials">
      本类移送须附：{required.map((k) => label(materialKindLabels, k)).join('、')}
    </p>
  );
}

/**
 * 有关材料 (Decree art. 6): for each material the kind asks for only where it exists, "本案没有" with
 * the reason; such a material leaves the list on submission.
 */
function AbsentMaterialsFields() {
  const kind = Form.useWatch('kind') as string | undefined;
  const conditional = kind ? (conditionalMaterialsByKind[kind] ?? []) : [];
  if (conditional.length === 0) return null;
  return (
    <fieldset style={{ border: '1px solid #f0f0f0', padding: '8px 12px', marginBottom: 12 }} data-testid="absent-materials">
      <legend style={{ fontSize: 14, width: 'auto', padding: '0 4px' }}>有关材料（有则移送；没有的说明理由）</legend>
      {conditional.map((k) => (
        <AbsentMaterialField key={k} kind={k} />
      ))}
    </fieldset>
  );
}

function AbsentMaterialField({ kind }: { kind: string }) {
  const absent = Form.useWatch(`absent_${kind}`) as boolean | undefined;
  const name = label(materialKindLabels, kind);
  return (
    <>
      <Form.Item name={`absent_${kind}`} valuePropName="checked" style={{ marginBottom: 4 }}>
        <Checkbox data-testid={`field-absent-${kind}`}>本案没有{name}</Checkbox>
      </Form.Item>
      {absent && <ReasonField name={`absentReason_${kind}`} label={`没有${name}的理由`} />}
    </>
  );
}

function SeizedPropertyField() {
  const kind = Form.useWatch('kind') as string | undefined;
  if (!kind || !seizedPropertyKinds.includes(kind)) return null;
  return (
    <Form.Item name="seizedProperty" valuePropName="checked">
      <Checkbox data-testid="field-seizedProperty">本案有查封、扣押的财物（随案移送，并书面告知当事人：《行政强制法》第二十一条）</Checkbox>
    </Form.Item>
  );
}

/** 专案组 (Decree art. 5): the caller and other officers of the agency (the demo's staff when sign-in is the demo's). */
function CaseTeamField({ caller }: { caller: Caller }) {
  const kind = Form.useWatch('kind') as string | undefined;
  const min = kind ? (caseTeamMinByKind[kind] ?? 0) : 0;
  const staff = useQuery({ queryKey: ['demo-users'], queryFn: fetchDemoUsers, enabled: min > 0, staleTime: 5 * 60_000 });
  if (min === 0) return null;
  for (const u of staff.data ?? []) teamNames.set(u.userId, u.name);
  const options = [
    { value: caller.userId, label: caller.name },
    ...(staff.data ?? [])
      .filter((u) => u.agency.id === caller.agencyId && u.userId !== caller.userId && u.roles.some((r) => r === 'officer' || r === 'supervisor'))
      .map((u) => ({ value: u.userId, label: `${u.name}（${u.title}）` })),
  ];
  return (
    <Form.Item
      name="caseTeam"
      label={`专案组成员（${min}名以上执法人员，含提出人）`}
      initialValue={[caller.userId]}
      rules={[
        {
          validator: async (_, value: string[] | undefined) => {
            if ((value?.length ?? 0) < min) throw new Error(`专案组须由${min}名或者${min}名以上执法人员组成`);
            if (!value?.includes(caller.userId)) throw new Error('提出人应为专案组成员');
          },
        },
      ]}
    >
      <Select mode="tags" options={options} loading={staff.isPending} placeholder="选择或输入成员的用户编号" data-testid="field-caseTeam" />
    </Form.Item>
  );
}

function OfficialFields() {
  const kind = Form.useWatch('kind') as string | undefined;
  if (kind !== 'DISCIPLINARY') return null;
  return (
    <fieldset style={{ border: '1px solid #f0f0f0', padding: '8px 12px', marginBottom: 12 }}>
      <legend style={{ fontSize: 14, width: 'auto', padding: '0 4px' }}>被反映的公职人员（行纪衔接必填）</legend>
      <TextField name="officialName" label="姓名" />
      <TextField name="officialPost" label="职务" max={200} />
      <TextField name="officialEmployer" label="工作单位" max={200} />
      <TextField name="officialManagementLevel" label="干部管理权限" required={false} max={50} />
      <SelectField name="officialAllegations" label="问题类型" options={optionsOf(officialAllegationLabels)} multiple />
    </fieldset>
  );
}

function PenaltyItemsField() {
  return (
    <Form.Item label="处罚种类" required>
      <Form.List
        name="penalties"
        rules={[{ validator: async (_, v: unknown[] | undefined) => { if (!v?.length) throw new Error('请至少列出一项处罚'); } }]}
      >
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((field, i) => (
              <Flex key={field.key} gap={8} align="baseline" wrap>
                <Form.Item name={[field.name, 'kind']} label={`处罚 ${i + 1} 种类`} rules={[{ required: true, message: '请选择处罚种类' }]} style={{ width: 200 }}>
                  <Select options={optionsOf(penaltyKindLabels)} data-testid={`penalty-${i}-kind`} />
                </Form.Item>
                <Form.Item name={[field.name, 'amountYuan']} label="金额（元）" style={{ width: 150 }}>
                  <InputNumber min={0} precision={2} style={{ width: '100%' }} data-testid={`penalty-${i}-amount`} />
                </Form.Item>
                <Form.Item name={[field.name, 'description']} label="说明" style={{ flex: 1, minWidth: 160 }}>
                  <Input />
                </Form.Item>
                <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} aria-label={`删除处罚 ${i + 1}`} />
              </Flex>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} data-testid="add-penalty">
              添加处罚
            </Button>
            <Form.ErrorList errors={errors} />
          </>
        )}
      </Form.List>
    </Form.Item>
  );
}

function PersonsField() {
  return (
    <Form.Item label="处罚到人（责任人员）">
      <Form.List name="personsResponsible">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, i) => (
              <Flex key={field.key} gap={8} align="baseline" wrap>
                <Form.Item name={[field.name, 'name']} label={`责任人 ${i + 1} 姓名`} rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
                  <Input />
                </Form.Item>
                <Form.Item name={[field.name, 'role']} label="身份" rules={[{ required: true, whitespace: true, message: '请填写身份' }]}>
                  <Input placeholder="如：法定代表人" />
                </Form.Item>
                <Form.Item name={[field.name, 'idNumber']} label="身份证号">
                  <Input autoComplete="off" />
                </Form.Item>
                <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} aria-label={`删除责任人 ${i + 1}`} />
              </Flex>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
              添加责任人
            </Button>
          </>
        )}
      </Form.List>
    </Form.Item>
  );
}

const specs: Record<CaseCommand, CaseActionSpec> = {
  fileCase: { label: '立案', primary: true, fields: () => <ReasonField label="立案意见" required={false} />, run: caseStep(m.fileCase) },
  decideNotToFile: { label: '不予立案', danger: true, fields: () => <ReasonField label="不予立案理由" />, run: caseStep(m.decideNotToFile) },
  recordEvidence: {
    label: '调查取证',
    fields: () => (
      <>
        <SelectField name="kind" label="证据种类" options={optionsOf(evidenceKindLabels)} />
        <TextField name="title" label="证据名称" max={200} />
        <ReasonField name="description" label="证据说明" required={false} />
      </>
    ),
    run: (values, base) =>
      gql(m.recordEvidence, {
        input: withoutEmpty({ ...base, kind: values.kind as never, title: String(values.title), description: values.description as string }),
      }),
  },
  decidePenalty: {
    label: '作出处罚决定',
    primary: true,
    fields: () => (
      <>
        <TextField name="decisionNumber" label="行政处罚决定书文号" />
        <PenaltyItemsField />
        <PersonsField />
        <ReasonField label="处罚理由" required={false} />
      </>
    ),
    run: (values, base) =>
      gql(m.decidePenalty, {
        input: withoutEmpty({
          ...base,
          decisionNumber: String(values.decisionNumber),
          penalties: ((values.penalties as Values[] | undefined) ?? []).map((p) =>
            withoutEmpty({ kind: p.kind as never, amountFen: toFen(p.amountYuan), description: p.description as string }),
          ),
          personsResponsible: ((values.personsResponsible as Values[] | undefined) ?? []).map((p) =>
            withoutEmpty({ name: String(p.name), role: String(p.role), idNumber: p.idNumber as string }),
          ),
          reason: values.reason as string,
        }),
      }),
  },
  closeCase: { label: '结案', fields: () => <ReasonField label="结案说明" required={false} />, run: caseStep(m.closeCase) },
  proposeTransfer: {
    label: '提出移送',
    primary: true,
    fields: (caller) => (
      <>
        <SelectField name="kind" label="衔接类型" options={optionsOf(transferKindLabels)} />
        <ReceiverField />
        <ReasonField label="移送事由" />
        <MaterialsField label="移送材料清单" />
        <RequiredMaterials />
        <AbsentMaterialsFields />
        <SeizedPropertyField />
        <CaseTeamField caller={caller} />
        <OfficialFields />
      </>
    ),
    run: (values, base, caller) => {
      const kind = String(values.kind);
      const absent = (conditionalMaterialsByKind[kind] ?? []).filter((k) => values[`absent_${k}`] === true);
      const teamIds = (values.caseTeam as string[] | undefined) ?? [];
      return gql(proposeTransfer, {
        input: {
          caseId: base.caseId,
          commandId: base.commandId,
          // A new transfer stream: 0 asserts the command creates it.
          expectedVersion: 0,
          kind: values.kind as never,
          toAgencyId: String(values.toAgencyId),
          reason: String(values.reason),
          materials: (values.materials as MaterialValue[]).filter((m) => !absent.includes(m.kind)) as never,
          ...(absent.length > 0 ? { absentMaterials: absent.map((k) => ({ kind: k as never, reason: String(values[`absentReason_${k}`]) })) } : {}),
          ...(seizedPropertyKinds.includes(kind) ? { seizedProperty: values.seizedProperty === true } : {}),
          ...((caseTeamMinByKind[kind] ?? 0) > 0 ? { caseTeam: teamIds.map((userId) => ({ userId, name: userId === caller.userId ? caller.name : (teamNames.get(userId) ?? userId) })) } : {}),
          ...(values.kind === 'DISCIPLINARY'
            ? {
                official: withoutEmpty({
                  name: String(values.officialName),
                  post: String(values.officialPost),
                  employer: String(values.officialEmployer),
                  managementLevel: values.officialManagementLevel as string,
                  allegations: values.officialAllegations as never,
                }),
              }
            : {}),
        },
      });
    },
  },
};

/** Names of the demo staff, for the 专案组 the form submits (filled when the picker loads them). */
const teamNames = new Map<string, string>();

/** The case's action buttons for the caller (owning agency, role, status), each opening its form. */
export function CaseActions({ caseFacts, caller, onChanged }: { caseFacts: CaseFacts; caller: Caller; onChanged: () => void }) {
  const [open, setOpen] = useState<CaseCommand | null>(null);
  const [notifyDone, noticeHolder] = useDoneNotice();
  const navigate = useNavigate();
  const commands = availableCaseCommands(caseFacts, caller);
  if (commands.length === 0) return noticeHolder;
  const spec = open ? specs[open] : null;
  return (
    <>
      {noticeHolder}
      <Space wrap data-testid="case-actions">
        {commands.map((command) => (
          <Button
            key={command}
            type={specs[command].primary ? 'primary' : 'default'}
            danger={specs[command].danger}
            onClick={() => setOpen(command)}
            data-testid={`action-${command}`}
          >
            {specs[command].label}
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
          fieldOf={caseFieldOf}
          run={async (values) => {
            const result = await spec.run(values, { caseId: caseFacts.id, expectedVersion: caseFacts.version, commandId: newCommandId() }, caller);
            // A new transfer: go to it (its approval is the next step).
            const created = (result as { proposeTransfer?: { id: string } }).proposeTransfer;
            if (created) void navigate(`/transfers/${created.id}`);
            return result;
          }}
          onClose={() => setOpen(null)}
          onDone={() => {
            notifyDone(spec.label);
            onChanged();
          }}
          onRefresh={onChanged}
        >
          {spec.fields(caller)}
        </CommandModal>
      )}
    </>
  );
}
