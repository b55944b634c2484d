declare global {
  interface Window {
    /** The gateway's base URL when the console is served apart from it (config.js); '' = same origin. */
    __XIANJIE_GATEWAY__?: string;
  }
}

/** Where the API lives: same origin by default, or the base config.js names (distributed mode). */
export const gatewayBase = (): string => (typeof window === 'undefined' ? '' : (window.__XIANJIE_GATEWAY__ ?? '')).replace(/\/$/, '');

export const gatewayUrl = (path: string): string => `${gatewayBase()}${path}`;
