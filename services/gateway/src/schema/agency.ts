import { AgencyKind, type Agency } from '@xianjie/contracts';
import { builder } from '../builder.ts';

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

builder.queryField('agencies', (t) =>
  t.field({
    type: [AgencyType],
    description: 'The public directory of agencies (no token needed).',
    args: { kind: t.arg({ type: AgencyKindEnum, required: false }), regionCode: t.arg.string({ required: false }) },
    resolve: (_root, args, ctx) =>
      ctx.platform.directory
        .list()
        .filter((a) => (args.kind ? a.kind === args.kind : true))
        .filter((a) => (args.regionCode ? a.regionCode === args.regionCode : true)),
  }),
);
