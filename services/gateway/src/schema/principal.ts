import type { Principal } from '@xianjie/auth';
import { builder } from '../builder.ts';
import { AgencyType } from './agency.ts';

export const PrincipalType = builder.objectRef<Principal>('Principal').implement({
  fields: (t) => ({
    userId: t.exposeID('userId'),
    name: t.exposeString('name'),
    agency: t.field({ type: AgencyType, resolve: (p, _args, ctx) => ctx.platform.directory.require(p.agencyId) }),
    roles: t.exposeStringList('roles'),
  }),
});

builder.queryField('me', (t) =>
  t.field({
    type: PrincipalType,
    authScopes: { authenticated: true },
    resolve: (_root, _args, ctx) => ctx.principal!,
  }),
);
