import type { GatewayContext } from '../../context.ts';
import type { TransferClient } from '@xianjie/transfer-service/client';

/** The transfer client of the service that acts for an agency's kind. */
export const clientFor = (ctx: GatewayContext, agencyId: string): TransferClient =>
  ctx.platform.transfers.forKind(ctx.platform.directory.require(agencyId).kind);
