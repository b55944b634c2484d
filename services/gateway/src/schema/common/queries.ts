import { builder } from '../../builder.ts';
import { AgencyKindEnum, AgencyType, PrincipalType } from './types.ts';

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

builder.queryField('me', (t) =>
  t.field({
    type: PrincipalType,
    authScopes: { authenticated: true },
    resolve: (_root, _args, ctx) => ctx.principal!,
  }),
);
