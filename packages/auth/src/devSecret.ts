/** Issuer and audience of development tokens (DESIGN §6): HS256, shared secret `AUTH_DEV_SECRET`. */
export const devTokenIssuer = 'xianjie-dev';
export const devTokenAudience = 'xianjie';
export const devTokenAlgorithm = 'HS256';
/** RFC 7518 §3.2: an HS256 key must be at least as long as the hash output (256 bits). */
export const minDevSecretBytes = 32;

/** The HMAC key for a development secret; a short secret is a configuration error, refused outright. */
export const devSecretKey = (secret: string): Uint8Array => {
  const key = new TextEncoder().encode(typeof secret === 'string' ? secret : '');
  if (key.byteLength < minDevSecretBytes) {
    throw new Error(
      `the development token secret (AUTH_DEV_SECRET) must be at least ${minDevSecretBytes} bytes, ` +
        `got ${key.byteLength}; generate one with: openssl rand -hex 32`,
    );
  }
  return key;
};
