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
