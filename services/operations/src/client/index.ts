// @xianjie/operations/client: how the gateway calls the operations service (专项整治), in-process or over HTTP.
export {
  createHttpOperationsClient,
  createInProcessOperationsClient,
  type OperationSnapshot,
  type OperationsClient,
} from './operationsClient.ts';
