import { AgencyCapacity, agencyCapacityLabels, AgencyKind, type Agency } from '@xianjie/contracts';
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

export const AgencyCapacityEnum = builder.enumType('AgencyCapacity', {
  description: 'HEAD 正职负责人, ACTING_HEAD 主持工作的负责人: the two who decide on a criminal transfer (Decree art. 5)',
  values: AgencyCapacity.options,
});

export const PrincipalType = builder.objectRef<Principal>('Principal').implement({
  fields: (t) => ({
    userId: t.exposeID('userId'),
    name: t.exposeString('name'),
    agency: t.field({ type: AgencyType, resolve: (p, _args, ctx) => ctx.platform.directory.require(p.agencyId) }),
    roles: t.exposeStringList('roles'),
    capacity: t.field({
      type: AgencyCapacityEnum,
      nullable: true,
      description: 'HEAD or ACTING_HEAD of the agency (the identity data’s capacity claim); null for everyone else',
      resolve: (p) => p.capacity ?? null,
    }),
    capacityLabel: t.string({ nullable: true, resolve: (p) => (p.capacity ? agencyCapacityLabels[p.capacity] : null) }),
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
