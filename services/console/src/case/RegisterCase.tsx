import { PlusOutlined } from '@ant-design/icons';
import { Button, Form, InputNumber, Radio } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { gql, newCommandId } from '../api/client.ts';
import { CommandModal, useDoneNotice } from '../components/CommandModal.tsx';
import { optionsOf, ReasonField, SelectField, TextField, withoutEmpty } from '../components/formFields.tsx';
import { caseSourceLabels, subjectKindLabels, violationLabels } from '../i18n/dictionary.ts';
import { registerCase } from './caseMutations.ts';

type Values = Record<string, unknown>;

/** The form's names of RegisterCaseInput's fields, for the server's field errors. */
const registerFieldOf = (path: Array<string | number>): Array<string | number> => {
  const [head, sub] = path;
  if (head === 'subject') return [sub === 'name' ? 'subjectName' : sub === 'kind' ? 'subjectKind' : String(sub)];
  if (head === 'amountInvolvedFen') return ['amountYuan'];
  return path;
};

/** 登记案件线索: the list page's button and form. */
export function RegisterCase({ onDone }: { onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [notifyDone, noticeHolder] = useDoneNotice();
  const navigate = useNavigate();
  return (
    <>
      {noticeHolder}
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="action-registerCase">
        登记案件线索
      </Button>
      {open && (
        <CommandModal<Values>
          open
          title="登记案件线索"
          testId="form-registerCase"
          okText="登记"
          initialValues={{ subjectKind: 'ORGANIZATION' }}
          fieldOf={registerFieldOf}
          run={async (values) => {
            const subject =
              values.subjectKind === 'PERSON'
                ? { kind: 'PERSON' as const, name: String(values.subjectName), idNumber: values.idNumber as string }
                : { kind: 'ORGANIZATION' as const, name: String(values.subjectName), creditCode: values.creditCode as string };
            const result = await gql(registerCase, {
              input: {
                commandId: newCommandId(),
                source: values.source as never,
                subject: withoutEmpty(subject),
                summary: String(values.summary),
                violations: (values.violations as string[] | undefined) ?? [],
                ...(typeof values.amountYuan === 'number' ? { amountInvolvedFen: Math.round(values.amountYuan * 100) } : {}),
              },
            });
            void navigate(`/cases/${result.registerCase.id}`);
            return result;
          }}
          onClose={() => setOpen(false)}
          onDone={() => {
            notifyDone('登记案件线索');
            onDone();
          }}
          onRefresh={onDone}
        >
          <SelectField name="source" label="案件来源" options={optionsOf(caseSourceLabels, ['TRANSFER'])} />
          <Form.Item name="subjectKind" label="当事人类型" rules={[{ required: true }]}>
            <Radio.Group options={optionsOf(subjectKindLabels)} data-testid="field-subjectKind" />
          </Form.Item>
          <TextField name="subjectName" label="当事人名称/姓名" />
          <Form.Item noStyle dependencies={['subjectKind']}>
            {({ getFieldValue }) =>
              getFieldValue('subjectKind') === 'PERSON' ? (
                <TextField name="idNumber" label="身份证号" max={18} />
              ) : (
                <TextField name="creditCode" label="统一社会信用代码" max={18} />
              )
            }
          </Form.Item>
          <SelectField name="violations" label="违法行为" options={optionsOf(violationLabels)} multiple />
          <Form.Item name="amountYuan" label="涉案金额（元）">
            <InputNumber min={0} precision={2} style={{ width: 200 }} data-testid="field-amountYuan" />
          </Form.Item>
          <ReasonField name="summary" label="案情摘要" />
        </CommandModal>
      )}
    </>
  );
}
