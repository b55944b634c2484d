/**
 * Does a Docker engine answer? Probed with one `GET /_ping` over the socket (or DOCKER_HOST tcp)
 * and a short timeout, so a machine without Docker learns it in milliseconds, not after a hang.
 */
import { connect } from 'node:net';
import type { Socket } from 'node:net';

export interface DockerProbeResult {
  available: boolean;
  endpoint: string;
  reason?: string;
}

const endpointFromEnv = (): { endpoint: string; open: () => Socket } => {
  const host = process.env.DOCKER_HOST;
  if (host?.startsWith('tcp://')) {
    const url = new URL(host.replace(/^tcp:/, 'http:'));
    const port = Number(url.port || 2375);
    return { endpoint: host, open: () => connect({ host: url.hostname, port }) };
  }
  const path = host?.startsWith('unix://') ? host.slice('unix://'.length) : '/var/run/docker.sock';
  return { endpoint: `unix://${path}`, open: () => connect({ path }) };
};

export const probeDocker = (timeoutMs = 1_000): Promise<DockerProbeResult> => {
  const { endpoint, open } = endpointFromEnv();
  return new Promise((resolve) => {
    let settled = false;
    let answer = '';
    const socket = open();
    const finish = (available: boolean, reason?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(reason ? { available, endpoint, reason } : { available, endpoint });
    };
    const timer = setTimeout(
      () => finish(false, `no answer from Docker at ${endpoint} within ${timeoutMs} ms`),
      timeoutMs,
    );
    socket.once('error', (error: NodeJS.ErrnoException) =>
      finish(false, `no Docker engine at ${endpoint} (${error.code ?? error.message})`),
    );
    socket.once('connect', () => socket.write('GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n'));
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
      if (/^HTTP\/1\.[01] 200/.test(answer)) finish(true);
      else if (/^HTTP\/1\.[01] \d{3}/.test(answer))
        finish(false, `Docker at ${endpoint} answered ${answer.split('\r\n')[0]}`);
    });
    socket.once('end', () => finish(false, `Docker at ${endpoint} closed the connection without answering`));
  });
};
