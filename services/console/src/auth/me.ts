import { useQuery } from '@tanstack/react-query';
import { gql } from '../api/client.ts';
import { graphql } from '../gql/index.ts';
import type { MeQuery } from '../gql/graphql.ts';

const meQuery = graphql(`
  query Me {
    me {
      userId
      name
      roles
      agency {
        id
        name
        kind
        regionCode
      }
    }
  }
`);

export type Me = MeQuery['me'];

export const meQueryKey = ['me'] as const;

/** Who is signed in (UNAUTHENTICATED sends the app to the sign-in page). */
export const useMe = () => useQuery({ queryKey: meQueryKey, queryFn: async () => (await gql(meQuery)).me, staleTime: 5 * 60_000, retry: false });

export const hasRole = (me: Pick<Me, 'roles'> | undefined, ...roles: string[]): boolean => !!me && me.roles.some((role) => roles.includes(role));

/** The 职务 of a user is not part of `me`; the demo directory and OIDC claims carry it (kept on sign-in). */
const titleKey = 'xianjie.console.title';
export const rememberTitle = (title: string | null): void => {
  try {
    if (title) sessionStorage.setItem(titleKey, title);
    else sessionStorage.removeItem(titleKey);
  } catch {
    // Private mode without storage: the header shows the roles instead.
  }
};
export const rememberedTitle = (): string | null => {
  try {
    return sessionStorage.getItem(titleKey);
  } catch {
    return null;
  }
};
