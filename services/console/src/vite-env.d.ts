/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Development only: a bearer token (`pnpm dev-token`) sent by `pnpm dev` until the cookie sign-in exists. */
  readonly VITE_DEV_TOKEN?: string;
}
