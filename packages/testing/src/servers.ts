/**
 * Real servers for integration tests: the URL from the environment when set (CI, this machine),
 * otherwise a testcontainers container when a Docker engine answers, otherwise "unavailable" with
 * the reason, for the suite to skip loudly (see announceSkip).
 */
import { createServer } from 'node:net';
import { probeDocker } from './dockerProbe.ts';

export type ServerSource = 'env' | 'testcontainers';

export type ResolvedServer =
  | { available: true; url: string; source: ServerSource; stop(): Promise<void> }
  | { available: false; reason: string };

const fromEnv = (variable: string): ResolvedServer | null => {
  const url = process.env[variable]?.trim();
  return url ? { available: true, url, source: 'env', stop: async () => {} } : null;
};

/** Starts a container only if Docker answers; image pulls can take a while, hence the generous limit. */
const viaContainer = async (
  variable: string,
  what: string,
  start: () => Promise<{ url: string; stop(): Promise<void> }>,
): Promise<ResolvedServer> => {
  const docker = await probeDocker();
  if (!docker.available) {
    return {
      available: false,
      reason: `${variable} is not set and ${docker.reason ?? 'Docker is unavailable'}`,
    };
  }
  try {
    const started = await start();
    return { available: true, source: 'testcontainers', ...started };
  } catch (error) {
    return {
      available: false,
      reason: `${variable} is not set and starting ${what} with testcontainers failed: ${(error as Error).message}`,
    };
  }
};

/** PostgreSQL: DATABASE_URL, else `postgres:15-alpine` via @testcontainers/postgresql. */
export const resolvePostgres = async (): Promise<ResolvedServer> =>
  fromEnv('DATABASE_URL') ??
  viaContainer('DATABASE_URL', 'PostgreSQL', async () => {
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const container = await new PostgreSqlContainer('postgres:15-alpine').start();
    return { url: container.getConnectionUri(), stop: async () => void (await container.stop()) };
  });

/** EventStoreDB: EVENTSTORE_CONNECTION_STRING, else `eventstore/eventstore:24.10` in insecure mode. */
export const resolveEventStoreDb = async (): Promise<ResolvedServer> =>
  fromEnv('EVENTSTORE_CONNECTION_STRING') ??
  viaContainer('EVENTSTORE_CONNECTION_STRING', 'EventStoreDB', async () => {
    const { GenericContainer, Wait } = await import('testcontainers');
    const container = await new GenericContainer('eventstore/eventstore:24.10')
      .withEnvironment({
        EVENTSTORE_INSECURE: 'true',
        EVENTSTORE_RUN_PROJECTIONS: 'None',
        EVENTSTORE_MEM_DB: 'true',
        EVENTSTORE_ENABLE_ATOM_PUB_OVER_HTTP: 'true',
      })
      .withExposedPorts(2113)
      .withWaitStrategy(Wait.forHttp('/health/live', 2113).forStatusCode(204))
      .start();
    const url = `esdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`;
    return { url, stop: async () => void (await container.stop()) };
  });

/**
 * Kafka: KAFKA_BROKERS (comma-separated), else a single KRaft node (`apache/kafka:3.9.1`).
 * The broker advertises the host port it is published on, so the container port equals a free host port.
 */
export const resolveKafka = async (): Promise<ResolvedServer> =>
  fromEnv('KAFKA_BROKERS') ??
  viaContainer('KAFKA_BROKERS', 'Kafka', async () => {
    const { GenericContainer, Wait } = await import('testcontainers');
    const port = await freePort();
    const container = await new GenericContainer('apache/kafka:3.9.1')
      .withEnvironment({
        KAFKA_NODE_ID: '1',
        KAFKA_PROCESS_ROLES: 'broker,controller',
        KAFKA_LISTENERS: `PLAINTEXT://0.0.0.0:${port},CONTROLLER://0.0.0.0:9093`,
        KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://localhost:${port}`,
        KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
        KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
        KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
        KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
        KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
        KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
        KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'true',
      })
      .withExposedPorts({ container: port, host: port })
      .withWaitStrategy(Wait.forLogMessage(/Kafka Server started/))
      .start();
    return { url: `${container.getHost()}:${port}`, stop: async () => void (await container.stop()) };
  });

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
