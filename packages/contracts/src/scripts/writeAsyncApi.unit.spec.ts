import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { asyncApiErrors } from './asyncApiErrors.ts';
import { renderAsyncApi } from './writeAsyncApi.ts';

const target = fileURLToPath(new URL('../../../../schemas/asyncapi.yaml', import.meta.url));

describe('AsyncAPI document', () => {
  it('is accepted by the official parser without errors', async () => {
    expect(await asyncApiErrors(renderAsyncApi(), target)).toEqual([]);
  });

  it('lists each operation message from its own channel', () => {
    const yaml = renderAsyncApi();
    expect(yaml).not.toMatch(/"operations":[\s\S]*#\/components\/messages/);
    expect(yaml).toContain('"$ref": "#/channels/xianjie.transfer/messages/xianjie.transfer.sent.v1"');
  });
});
