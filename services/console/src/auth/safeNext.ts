/** Only same-origin paths are followed after sign-in (no open redirect through `?next=` or the OIDC state). */
export const safeNext = (next: unknown): string =>
  typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
