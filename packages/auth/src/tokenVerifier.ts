import { createPublicKey, type KeyObject } from 'node:crypto';
import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey, type JWTVerifyOptions } from 'jose';
import { UnauthenticatedError } from '@xianjie/contracts/errors';
import { devSecretKey, devTokenAlgorithm, devTokenAudience, devTokenIssuer } from './devSecret.ts';
import { principalFromClaims, type Principal } from './principal.ts';

interface CommonVerifierOptions {
  /**
   * The agency directory decides which agencies exist (DESIGN §6): when given, a token naming an
   * agency for which this returns false is refused.
   */
  knownAgency?: (agencyId: string) => boolean;
  /** Allowed clock skew when checking `exp`/`nbf`, in seconds (default 5). */
  clockToleranceSeconds?: number;
}

/** Embedded mode: HS256 with the shared development secret, issuer `xianjie-dev`, audience `xianjie`. */
export interface DevTokenVerifierOptions extends CommonVerifierOptions {
  mode: 'dev';
  secret: string;
}

/**
 * Distributed mode: keys fetched (and cached) from the identity provider's JWKS endpoint. Issuer and
 * audience are required: an identity provider signs tokens for many applications with the same
 * keys, and a token minted for another one must not pass here (issue #12, hole 9).
 */
export interface JwksTokenVerifierOptions extends CommonVerifierOptions {
  mode: 'jwks';
  jwksUrl: string | URL;
  issuer: string;
  audience: string;
  /** Accepted `alg` values; default: whatever the JWKS keys allow. */
  algorithms?: string[];
}

/** Distributed mode with one fixed public key (SPKI PEM). */
export interface PublicKeyTokenVerifierOptions extends CommonVerifierOptions {
  mode: 'publicKey';
  publicKeyPem: string;
  /** Default: inferred from the key (RSA → RS256, RSA-PSS → PS256, P-256/384/521 → ES256/384/512, Ed25519 → EdDSA). */
  algorithm?: string;
  issuer?: string;
  audience?: string;
}

export type TokenVerifierOptions =
  DevTokenVerifierOptions | JwksTokenVerifierOptions | PublicKeyTokenVerifierOptions;

export interface TokenVerifier {
  readonly mode: TokenVerifierOptions['mode'];
  /**
   * Verifies an `Authorization` header value (`Bearer <jwt>`) or a bare JWT and returns who is
   * calling. Throws UnauthenticatedError whose message starts with the reason: `missing token`,
   * `malformed token`, `token expired`, `bad signature`, `bad claims` (naming the claim) or
   * `agency "x" is not in the directory`. A JWKS endpoint that cannot be reached is a server
   * problem, not the caller's: that throws a plain Error.
   */
  verify(authorizationOrToken: string | null | undefined): Promise<Principal>;
}

type Key = Uint8Array | KeyObject | JWTVerifyGetKey;

export const createTokenVerifier = (options: TokenVerifierOptions): TokenVerifier => {
  const { key, verifyOptions, describe } = keyFor(options);
  verifyOptions.requiredClaims = ['exp'];
  verifyOptions.clockTolerance = options.clockToleranceSeconds ?? 5;
  const { knownAgency } = options;

  return {
    mode: options.mode,
    async verify(authorizationOrToken) {
      const token = extractToken(authorizationOrToken);
      let payload: unknown;
      try {
        // jwtVerify is overloaded on the key kind; the union needs picking apart for the compiler.
        payload =
          typeof key === 'function'
            ? (await jwtVerify(token, key, verifyOptions)).payload
            : (await jwtVerify(token, key, verifyOptions)).payload;
      } catch (error) {
        throw translate(error, describe);
      }
      const principal = principalFromClaims(payload);
      if (knownAgency && !knownAgency(principal.agencyId)) {
        throw new UnauthenticatedError(`agency "${principal.agencyId}" is not in the directory`);
      }
      return principal;
    },
  };
};

const keyFor = (
  options: TokenVerifierOptions,
): { key: Key; verifyOptions: JWTVerifyOptions; describe: string } => {
  switch (options.mode) {
    case 'dev':
      return {
        key: devSecretKey(options.secret),
        verifyOptions: {
          algorithms: [devTokenAlgorithm],
          issuer: devTokenIssuer,
          audience: devTokenAudience,
        },
        describe: `the development secret (${devTokenAlgorithm})`,
      };
    case 'jwks': {
      const url = new URL(options.jwksUrl);
      for (const claim of ['issuer', 'audience'] as const) {
        if (typeof options[claim] !== 'string' || !options[claim].trim()) {
          throw new Error(`jwks mode needs the token ${claim} to check (AUTH_${claim.toUpperCase()}): a token for another application must be refused`);
        }
      }
      return {
        key: createRemoteJWKSet(url),
        verifyOptions: pruned({
          issuer: options.issuer,
          audience: options.audience,
          algorithms: options.algorithms,
        }),
        describe: `the JWKS at ${url.href}`,
      };
    }
    case 'publicKey': {
      const key = parsePublicKey(options.publicKeyPem);
      const algorithm = options.algorithm ?? inferAlgorithm(key);
      return {
        key,
        verifyOptions: pruned({
          issuer: options.issuer,
          audience: options.audience,
          algorithms: [algorithm],
        }),
        describe: `the configured public key (${algorithm})`,
      };
    }
    default: {
      const mode: never = options;
      throw new Error(`unknown token verifier mode ${JSON.stringify((mode as { mode: unknown }).mode)}`);
    }
  }
};

const pruned = (options: JWTVerifyOptions): JWTVerifyOptions =>
  Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as JWTVerifyOptions;

const parsePublicKey = (pem: string): KeyObject => {
  try {
    return createPublicKey(pem);
  } catch (error) {
    throw new Error(`publicKeyPem is not a PEM public key: ${(error as Error).message}`, { cause: error });
  }
};

const inferAlgorithm = (key: KeyObject): string => {
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return 'RS256';
    case 'rsa-pss':
      return 'PS256';
    case 'ed25519':
      return 'EdDSA';
    case 'ec': {
      const byCurve: Record<string, string> = { prime256v1: 'ES256', secp384r1: 'ES384', secp521r1: 'ES512' };
      const curve = key.asymmetricKeyDetails?.namedCurve ?? '';
      const algorithm = byCurve[curve];
      if (algorithm) return algorithm;
      throw new Error(`publicKeyPem: unsupported EC curve "${curve}"; pass \`algorithm\` explicitly`);
    }
    default:
      throw new Error(
        `publicKeyPem: cannot infer the algorithm for a ${String(key.asymmetricKeyType)} key; pass \`algorithm\``,
      );
  }
};

const compactJwt = /^[\w-]+\.[\w-]+\.[\w-]*$/;

const extractToken = (input: string | null | undefined): string => {
  const value = typeof input === 'string' ? input.trim() : '';
  if (!value) throw new UnauthenticatedError('missing token: send "Authorization: Bearer <token>"');
  const [first = '', ...rest] = value.split(/\s+/);
  let token = value;
  if (rest.length > 0 || /^bearer$/i.test(first)) {
    if (!/^bearer$/i.test(first)) {
      throw new UnauthenticatedError(
        `malformed token: the authorization scheme must be "Bearer", got "${first.slice(0, 20)}"`,
      );
    }
    if (rest.length !== 1) {
      throw new UnauthenticatedError(
        `${rest.length === 0 ? 'missing token' : 'malformed token'}: expected "Bearer <token>"`,
      );
    }
    token = rest[0] as string;
  }
  if (!compactJwt.test(token)) {
    throw new UnauthenticatedError(
      'malformed token: expected a JWT (three base64url parts separated by dots)',
    );
  }
  return token;
};

const translate = (error: unknown, describe: string): Error => {
  if (error instanceof errors.JWTExpired) {
    const exp =
      typeof error.payload.exp === 'number' ? ` at ${new Date(error.payload.exp * 1000).toISOString()}` : '';
    return new UnauthenticatedError(`token expired${exp}`);
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    // jose names the claim: `unexpected "aud" claim value`, `missing required "exp" claim`.
    return new UnauthenticatedError(`bad claims: ${error.message}`);
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return new UnauthenticatedError(`bad signature: the token was not signed with ${describe}`);
  }
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
    return new UnauthenticatedError(`bad signature: no single key of ${describe} matches the token`);
  }
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return new UnauthenticatedError(`bad signature: the token's algorithm is not accepted by ${describe}`);
  }
  if (
    error instanceof errors.JWSInvalid ||
    error instanceof errors.JWTInvalid ||
    error instanceof errors.JOSENotSupported
  ) {
    return new UnauthenticatedError(`malformed token: ${error.message}`);
  }
  // JWKS timeouts, unreachable or invalid JWKS, key-type mismatches: our configuration or the
  // identity provider failed, not the caller.
  const message = error instanceof Error ? error.message : String(error);
  return new Error(`could not verify the token against ${describe}: ${message}`, { cause: error });
};
