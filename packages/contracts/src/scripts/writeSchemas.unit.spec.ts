import { describe, expect, it } from 'vitest';
import { integrationEvents } from '../integrationEvents.ts';
import { renderSchemaFiles } from './writeSchemas.ts';

describe('event JSON Schemas', () => {
  it('renders one file per public event plus an index, deterministically', () => {
    const files = renderSchemaFiles();
    expect([...files.keys()].sort()).toEqual(
      [...integrationEvents.map((e) => `${e.name}.json`), 'index.json'].sort(),
    );
    expect(renderSchemaFiles()).toEqual(files);
    for (const content of files.values()) expect(content.endsWith('}\n')).toBe(true);
  });

  it('titles each schema with its message type and keeps keys sorted', () => {
    const schema = JSON.parse(renderSchemaFiles().get('xianjie.case.penalty-decided.v1.json') ?? '{}');
    expect(schema.title).toBe('xianjie.case.penalty-decided.v1');
    expect(Object.keys(schema)).toEqual([...Object.keys(schema)].sort());
    expect(schema.required).toContain('repeatOffender');
  });
});
