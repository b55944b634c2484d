import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Form, Modal, message as antMessage } from 'antd';
import type { FormInstance } from 'antd';
import { useState } from 'react';
import type { ReactNode } from 'react';
import { fieldPathOf, isApiError } from '../api/apiError.ts';
import { conflictNotice, errorMessage } from '../i18n/dictionary.ts';

export interface CommandModalProps<Values> {
  open: boolean;
  title: string;
  /** data-testid of the modal (its submit button is `${testId}-submit`) */
  testId: string;
  okText?: string;
  danger?: boolean;
  initialValues?: Partial<Values>;
  /** Runs the command with the form's values (a fresh commandId and the expected version added by the caller). */
  run: (values: Values) => Promise<unknown>;
  onClose: () => void;
  /** After success: reload what the command changed. */
  onDone: () => void;
  /** On CONFLICT: reload the record (the 刷新 button). */
  onRefresh: () => void;
  children: ReactNode | ((form: FormInstance<Values>) => ReactNode);
  /** The form field of an input path where the form names it otherwise (subject.name → subjectName). */
  fieldOf?: (path: Array<string | number>) => Array<string | number>;
}

type Problem = { kind: 'conflict' } | { kind: 'error'; text: string };

/**
 * A command's form in a modal. The server's answer is shown where it belongs: BAD_USER_INPUT on
 * the field its path names (`input.reason` → the 理由 field), CONFLICT as 该记录已被他人修改 with
 * a 刷新 button, anything else as a notice above the form.
 */
export function CommandModal<Values extends object>(props: CommandModalProps<Values>) {
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<Problem | null>(null);
  const mutation = useMutation({ mutationFn: props.run });

  const close = () => {
    setProblem(null);
    form.resetFields();
    props.onClose();
  };

  const submit = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return; // antd shows each field's message
    }
    setProblem(null);
    try {
      await mutation.mutateAsync(values);
    } catch (error) {
      if (isApiError(error) && error.code === 'CONFLICT') {
        setProblem({ kind: 'conflict' });
        return;
      }
      if (isApiError(error) && error.code === 'BAD_USER_INPUT' && error.issues.length > 0) {
        const known = new Set(Object.keys(form.getFieldsValue() as object));
        const nameOf = (path: string) => (props.fieldOf ?? ((p) => p))(fieldPathOf(path));
        const onFields = error.issues.filter((issue) => known.has(String(nameOf(issue.path)[0])));
        form.setFields(onFields.map((issue) => ({ name: nameOf(issue.path) as never, errors: [`输入有误：${issue.message}`] })));
        const elsewhere = error.issues.filter((issue) => !onFields.includes(issue));
        setProblem({
          kind: 'error',
          text: elsewhere.length > 0 ? `输入有误：${elsewhere.map((issue) => `${issue.path} ${issue.message}`).join('；')}` : '输入有误，请按提示修改',
        });
        return;
      }
      // The server's reason is shown for a step not allowed now, and for a refusal it words in Chinese
      // (who may decide a criminal transfer: Decree art. 5); other refusals say only 无权访问.
      const chineseRefusal = isApiError(error) && error.code === 'FORBIDDEN' && /^[\u4e00-\u9fff]/.test(error.detail);
      const detail = isApiError(error) && (error.code === 'INVALID_TRANSITION' || chineseRefusal) && error.detail ? `（${error.detail}）` : '';
      setProblem({ kind: 'error', text: `${errorMessage(isApiError(error) ? error.code : null)}${detail}` });
      return;
    }
    close();
    props.onDone();
  };

  return (
    <Modal
      open={props.open}
      title={props.title}
      onCancel={close}
      destroyOnHidden
      width={640}
      data-testid={props.testId}
      footer={[
        <Button key="cancel" onClick={close}>
          取消
        </Button>,
        <Button
          key="ok"
          type="primary"
          danger={props.danger}
          loading={mutation.isPending}
          onClick={() => void submit()}
          data-testid={`${props.testId}-submit`}
        >
          {props.okText ?? '确定'}
        </Button>,
      ]}
    >
      {problem?.kind === 'conflict' && (
        <Alert
          type="warning"
          showIcon
          data-testid="conflict-notice"
          style={{ marginBottom: 16 }}
          title={conflictNotice}
          action={
            <Button
              size="small"
              data-testid="conflict-refresh"
              onClick={() => {
                close();
                props.onRefresh();
              }}
            >
              刷新
            </Button>
          }
        />
      )}
      {problem?.kind === 'error' && (
        <Alert type="error" showIcon data-testid="command-error" style={{ marginBottom: 16 }} title={problem.text} />
      )}
      <Form form={form} layout="vertical" initialValues={props.initialValues}>
        {typeof props.children === 'function' ? props.children(form) : props.children}
      </Form>
    </Modal>
  );
}

/**
 * 已办理 notices of the commands a component runs: render `holder` where it stays mounted (the
 * modal closes on success). The hook form, not antd's <App>, keeps the message code out of the
 * pages that run no command.
 */
export const useDoneNotice = (): [(title: string) => void, ReactNode] => {
  const [message, holder] = antMessage.useMessage();
  return [(title) => void message.success(`${title}：已办理`), holder];
};
