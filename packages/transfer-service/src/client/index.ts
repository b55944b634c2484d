// @xianjie/transfer-service/client: how the gateway (and tools) call a service's transfer workflow, in-process or over HTTP.
export {
  createHttpTransferClient,
  createInProcessTransferClient,
  createTransferClients,
  type TransferClient,
  type TransferClients,
  type TransferSnapshot,
} from './transferClient.ts';
