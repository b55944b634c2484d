import { z } from 'zod';
import { AgencyCapacity } from '@xianjie/contracts';
import { UnauthenticatedError } from '@xianjie/contracts/errors';

export const roles = ['officer', 'supervisor', 'overseer', 'admin'] as const;
/**
 * officer: case handler (执法人员); supervisor: the head who approves (负责人审批: 立案, 处罚, 移送);
 * overseer: discipline inspection staff (纪委监委) — counts only in a DISCIPLINE_INSPECTION agency;
 * admin: platform administration.
 */
export type Role = (typeof roles)[number];

/** Who is calling: taken from a verified token, never from the request body. */
export interface Principal {
  userId: string;
  name: string;
  agencyId: string;
  roles: Role[];
  /**
   * HEAD (正职负责人) or ACTING_HEAD (主持工作的负责人) of the agency, from the identity data (the
   * token's optional `capacity` claim); absent for everyone else, other supervisors included.
   * A criminal transfer is approved or refused only in one of these capacities (Decree art. 5).
   */
  capacity?: AgencyCapacity;
}

/** `{slug}-{regionCode}`; whether the agency exists is the directory's call (see `knownAgency`). */
const agencyIdPattern = /^[a-z][a-z0-9]*-\d{6}$/;

const requiredString = (what: string) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? 'is missing' : `must be a string (${what})`) })
    .trim()
    .min(1, { error: `must not be empty (${what})` });

/** The claims Xianjie reads from a bearer JWT (DESIGN §6); other claims (iss, aud, exp, ...) pass by. */
export const tokenClaimsSchema = z.object({
  sub: requiredString('the user id'),
  name: requiredString("the user's display name"),
  agency: requiredString('the agency id').regex(agencyIdPattern, {
    error: 'must be an agency id like "amr-650100"',
  }),
  roles: z
    .array(
      z.enum(roles, {
        error: (issue) => `${JSON.stringify(issue.input)} is not a role (one of ${roles.join(', ')})`,
      }),
      {
        error: (issue) =>
          issue.input === undefined ? 'is missing' : `must be an array of roles (${roles.join(', ')})`,
      },
    )
    .min(1, { error: 'must name at least one role' }),
  capacity: z
    .enum(AgencyCapacity.options, {
      error: (issue) => `${JSON.stringify(issue.input)} is not a capacity (one of ${AgencyCapacity.options.join(', ')})`,
    })
    .optional(),
});
export type TokenClaims = z.infer<typeof tokenClaimsSchema>;

/**
 * Reads the Principal from already verified claims. Throws UnauthenticatedError naming each bad
 * claim, e.g. `bad claims: claim "agency" is missing`.
 */
export const principalFromClaims = (claims: unknown): Principal => {
  const parsed = tokenClaimsSchema.safeParse(claims);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const [claim, ...rest] = issue.path.map(String);
      if (claim === undefined) return issue.message;
      return `claim "${claim}"${rest.length ? ` item ${rest.join('.')}:` : ''} ${issue.message}`;
    });
    throw new UnauthenticatedError(`bad claims: ${problems.join('; ')}`);
  }
  const { sub, name, agency, roles: claimed, capacity } = parsed.data;
  return { userId: sub, name, agencyId: agency, roles: [...new Set(claimed)], ...(capacity ? { capacity } : {}) };
};

export const hasRole = (principal: Principal, role: Role): boolean => principal.roles.includes(role);
