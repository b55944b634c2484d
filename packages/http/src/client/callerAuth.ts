import type { Principal } from '@xianjie/auth';

/** Who asks a service: the verified principal, and its token to forward to a remote service. */
export interface CallerAuth {
  principal: Principal;
  token: string | null;
  correlationId: string;
}
