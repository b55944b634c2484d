import { builder } from '../../builder.ts';
import { OversightType } from './types.ts';

builder.queryField('oversight', (t) =>
  t.field({
    type: OversightType,
    // Overseers; commission supervisors for 挂牌督办 and 查询留痕; admins for 查询留痕 and 完整性校验 (DESIGN §6).
    // The type's own scopes keep the other views the overseers'; the services decide the rest.
    authScopes: { overseer: true, supervisor: true, admin: true },
    description:
      'Oversight queries of the discipline inspection commission: the overseer role; supervisedCases (挂牌督办) also for its supervisors; ' +
      'personalDataReads (查询留痕) for its supervisors and admins; integrity for its overseers, supervisors and admins.',
    resolve: () => ({}),
  }),
);
