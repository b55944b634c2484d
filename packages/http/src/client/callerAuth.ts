import type { Principal } from '@xianjie/auth';

/** Who asks a service: the verified principal, and its token to forward to a remote service. */
export interface CallerAuth {
  principal: Principal;
  token: string | null;
  correlationId: string;
  /**
   * When the step happened (ISO-8601 with offset, not after now), for trusted in-process callers
   * only (the demo seed, importers of past records): the in-process clients pass it to the command
   * as its business time. The HTTP adapters never send it and the HTTP APIs never accept it.
   */
  occurredAt?: string;
}
