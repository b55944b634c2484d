import type { CallerAuth } from '@xianjie/http/client';
import type { GatewayContext } from '../../context.ts';

/** The caller as the services need it: the verified principal, its token (distributed mode) and the correlation id. */
export const authOf = (ctx: GatewayContext): CallerAuth => ({
  principal: ctx.principal!,
  token: ctx.token,
  correlationId: ctx.correlationId,
});
