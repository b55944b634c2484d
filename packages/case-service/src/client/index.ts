// @xianjie/case-service/client: how the gateway (and tools) call a case service, in-process or over HTTP.
export {
  createCaseClientRouter,
  createHttpCaseClient,
  createInProcessCaseClient,
  type CallerAuth,
  type CaseClient,
  type CaseSnapshot,
} from './caseClient.ts';
