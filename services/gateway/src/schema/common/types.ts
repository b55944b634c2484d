import { AgencyKind, type Agency } from '@xianjie/contracts';
import type { Principal } from '@xianjie/auth';
import { builder } from '../../builder.ts';
import type { GatewayContext } from '../../context.ts';

export const AgencyKindEnum = builder.enumType('AgencyKind', { values: AgencyKind.options });

export const AgencyType = builder.objectRef<Agency>('Agency').implement({
  description: '执法机关 — an agency of the directory',
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.field({ type: AgencyKindEnum, resolve: (a) => a.kind }),
    name: t.exposeString('name'),
    regionCode: t.exposeString('regionCode', { description: '6-digit 行政区划代码' }),
    parentId: t.exposeID('parentId', { nullable: true }),
  }),
});

/** The directory's agency of an id (for fields that resolve to an Agency). */
export const agency = (ctx: GatewayContext, id: string): Agency => ctx.platform.directory.require(id);

export const PrincipalType = builder.objectRef<Principal>('Principal').implement({
  fields: (t) => ({
    userId: t.exposeID('userId'),
    name: t.exposeString('name'),
    agency: t.field({ type: AgencyType, resolve: (p, _args, ctx) => ctx.platform.directory.require(p.agencyId) }),
    roles: t.exposeStringList('roles'),
  }),
});

/** Who acted, as an event's metadata or a 查询留痕 record names them. */
export const ActorType = builder.objectRef<{ userId: string; name: string; agencyId: string; roles: readonly string[] }>('Actor').implement({
  fields: (t) => ({
    userId: t.exposeID('userId'),
    name: t.exposeString('name'),
    agencyId: t.exposeID('agencyId'),
    roles: t.exposeStringList('roles'),
  }),
});
