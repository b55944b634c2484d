import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, Select } from 'antd';
import { materialKindLabels } from '../i18n/dictionary.ts';

/**
 * Form fields shared by the commands' forms, with the contracts' rules (required reasons, at most
 * 2,000 characters; titles 1–200) so most mistakes are caught before the server sees them.
 */

export const optionsOf = (labels: Readonly<Record<string, string>>, except: string[] = []) =>
  Object.entries(labels)
    .filter(([value]) => !except.includes(value))
    .map(([value, text]) => ({ value, label: text }));

export function ReasonField({ name = 'reason', label = '理由', required = true, placeholder }: { name?: string; label?: string; required?: boolean; placeholder?: string }) {
  return (
    <Form.Item
      name={name}
      label={label}
      rules={[
        ...(required ? [{ required: true, whitespace: true, message: `请填写${label}` }] : []),
        { max: 2000, message: `${label}不能超过 2000 字` },
      ]}
    >
      <Input.TextArea rows={3} showCount maxLength={2000} placeholder={placeholder} data-testid={`field-${name}`} />
    </Form.Item>
  );
}

export function TextField({ name, label, required = true, max = 100 }: { name: string; label: string; required?: boolean; max?: number }) {
  return (
    <Form.Item
      name={name}
      label={label}
      rules={[...(required ? [{ required: true, whitespace: true, message: `请填写${label}` }] : []), { max, message: `${label}不能超过 ${max} 字` }]}
    >
      <Input data-testid={`field-${name}`} />
    </Form.Item>
  );
}

export function SelectField({ name, label, options, required = true, multiple = false }: { name: string; label: string; options: Array<{ value: string; label: string }>; required?: boolean; multiple?: boolean }) {
  return (
    <Form.Item name={name} label={label} rules={required ? [{ required: true, message: `请选择${label}` }] : []}>
      <Select options={options} mode={multiple ? 'multiple' : undefined} placeholder={`请选择${label}`} data-testid={`field-${name}`} />
    </Form.Item>
  );
}

const beijingPattern = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})$/;

/** A Beijing wall-clock time typed as `2026-03-01 09:30` → ISO-8601 with +08:00 (undefined when empty). */
export const beijingIso = (value: unknown): string | undefined => {
  const match = typeof value === 'string' ? beijingPattern.exec(value.trim()) : null;
  return match ? `${match[1]}T${match[2]}:00+08:00` : undefined;
};

/** A time the step records (移交时间, 告知日期, …), typed in Beijing time. */
export function BeijingTimeField({ name, label, required = true }: { name: string; label: string; required?: boolean }) {
  return (
    <Form.Item
      name={name}
      label={`${label}（北京时间）`}
      rules={[
        ...(required ? [{ required: true, whitespace: true, message: `请填写${label}` }] : []),
        { pattern: beijingPattern, message: `${label}格式：2026-03-01 09:30` },
      ]}
    >
      <Input placeholder="2026-03-01 09:30" data-testid={`field-${name}`} />
    </Form.Item>
  );
}

export interface MaterialValue {
  kind: string;
  title: string;
}

/** 材料清单: kind and title of each material (at least one). */
export function MaterialsField({ name = 'materials', label = '材料清单' }: { name?: string; label?: string }) {
  return (
    <Form.Item label={label} required>
      <Form.List
        name={name}
        rules={[
          {
            validator: async (_, value: unknown[] | undefined) => {
              if (!value || value.length === 0) throw new Error('请至少列出一份材料');
            },
          },
        ]}
      >
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((field, index) => (
              <Flex key={field.key} gap={8} align="baseline">
                <Form.Item
                  name={[field.name, 'kind']}
                  label={`材料 ${index + 1} 类别`}
                  rules={[{ required: true, message: '请选择材料类别' }]}
                  style={{ width: 200 }}
                >
                  <Select options={optionsOf(materialKindLabels)} placeholder="类别" data-testid={`material-${index}-kind`} />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'title']}
                  label={`材料 ${index + 1} 名称`}
                  rules={[
                    { required: true, whitespace: true, message: '请填写材料名称' },
                    { max: 200, message: '材料名称不能超过 200 字' },
                  ]}
                  style={{ flex: 1 }}
                >
                  <Input placeholder="如：涉嫌犯罪案件移送书" data-testid={`material-${index}-title`} />
                </Form.Item>
                <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} aria-label={`删除材料 ${index + 1}`} />
              </Flex>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: undefined, title: '' })} data-testid="add-material">
              添加材料
            </Button>
            <Form.ErrorList errors={errors} />
          </>
        )}
      </Form.List>
    </Form.Item>
  );
}

/** Drops empty optional strings (the server treats '' as given). */
export const withoutEmpty = <T extends object>(values: T): T =>
  Object.fromEntries(Object.entries(values).filter(([, value]) => value !== '' && value !== undefined && value !== null)) as T;
