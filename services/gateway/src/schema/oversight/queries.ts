import { builder } from '../../builder.ts';
import { OversightType } from './types.ts';

builder.queryField('oversight', (t) =>
  t.field({
    type: OversightType,
    // Overseers, and commission supervisors for 挂牌督办 and 查询留痕 (the type's own scopes keep the other views the overseers').
    authScopes: { overseer: true, supervisor: true },
    description:
      'Oversight queries of the discipline inspection commission: the overseer role; supervisedCases (挂牌督办) also for its supervisors; ' +
      'personalDataReads (查询留痕) for its supervisors only.',
    resolve: () => ({}),
  }),
);
