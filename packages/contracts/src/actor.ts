import { z } from 'zod';

/**
 * In what capacity a principal decides for its agency (负责人身份). HEAD: 正职负责人; ACTING_HEAD: the
 * 负责人 designated to preside over the agency's work (主持工作的负责人) — the two who may approve a
 * criminal transfer (《行政执法机关移送涉嫌犯罪案件的规定》第五条). Other supervisors have none.
 * From the identity data (the token's `capacity` claim), never from the input.
 */
export const AgencyCapacity = z.enum(['HEAD', 'ACTING_HEAD']);
export type AgencyCapacity = z.infer<typeof AgencyCapacity>;

export const agencyCapacityLabels: Readonly<Record<AgencyCapacity, string>> = {
  HEAD: '正职负责人',
  ACTING_HEAD: '主持工作的负责人',
};

/**
 * Who issues a command: taken from the verified token by the service, never from the input.
 * The same shape is recorded as event metadata (the audit trail).
 */
export const Actor = z.object({
  userId: z.string().min(1),
  name: z.string().min(1),
  agencyId: z.string().min(1),
  roles: z.array(z.string().min(1)),
  /** HEAD or ACTING_HEAD when the identity data says so (the token's `capacity` claim); absent otherwise. */
  capacity: AgencyCapacity.optional(),
});
export type Actor = z.infer<typeof Actor>;
