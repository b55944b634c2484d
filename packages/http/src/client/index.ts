// @xianjie/http/client: what every service's client shares (the gateway calls services with it).
// No express here: a client does not load a server.
export type { CallerAuth } from './callerAuth.ts';
export { remoteCall } from './remoteCall.ts';
export {
  serviceSignatureOf,
  isServiceSignatureValid,
  serviceSignatureHeader,
  serviceTimestampHeader,
  serviceSignatureWindowMs,
} from './serviceSignature.ts';
