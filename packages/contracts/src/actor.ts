import { z } from 'zod';

/**
 * Who issues a command: taken from the verified token by the service, never from the input.
 * The same shape is recorded as event metadata (the audit trail).
 */
export const Actor = z.object({
  userId: z.string().min(1),
  name: z.string().min(1),
  agencyId: z.string().min(1),
  roles: z.array(z.string().min(1)),
});
export type Actor = z.infer<typeof Actor>;
