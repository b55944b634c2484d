import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, gatewayEntry, loadConfig, platformKeyProblems, serviceRegistry } from '@xianjie/runtime';

/**
 * `pnpm start:distributed`, a development tool: every service of the registry and the gateway,
 * each its own process started from its own `main.ts` (as a deployment starts them one by one),
 * configured from the environment (PostgreSQL or EventStoreDB, Kafka). Their log lines are
 * prefixed with the process name; SIGTERM/SIGINT stop them gracefully; if one dies, the others are
 * stopped too.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const processes = [...serviceRegistry, gatewayEntry].map((s) => ({ name: s.name, file: path.join(root, s.entry) }));

try {
  const missing = platformKeyProblems(loadConfig({ XIANJIE_MODE: 'distributed', ...process.env }));
  if (missing.length > 0) throw new ConfigError(missing);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`${error.message}\n\nExample (local test run):\n  pnpm kafka:up\n  XIANJIE_STORE=postgres DATABASE_URL=postgres://postgres@127.0.0.1:5432/test XIANJIE_BUS=kafka KAFKA_BROKERS=127.0.0.1:9092 \\\n    AUTH_DEV_SECRET=$(openssl rand -hex 32) XIANJIE_ALLOW_DEV_SECRET=1 \\\n    XIANJIE_SUBJECT_REF_KEY=$(openssl rand -hex 32) XIANJIE_SERVICE_KEY=$(openssl rand -hex 32) pnpm start:distributed`);
    process.exit(2);
  }
  throw error;
}

const children = new Map<string, ChildProcess>();
let stopping = false;

const prefixLines = (name: string, stream: NodeJS.ReadableStream, out: NodeJS.WritableStream) => {
  let buffered = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) out.write(`${name.padEnd(22)}| ${line}\n`);
  });
};

const stopAll = (signal: NodeJS.Signals, code: number) => {
  if (stopping) return;
  stopping = true;
  for (const child of children.values()) child.kill(signal);
  const timer = setTimeout(() => process.exit(code), 25_000);
  const wait = [...children.values()].map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r))));
  void Promise.all(wait).then(() => {
    clearTimeout(timer);
    process.exit(code);
  });
};

for (const { name, file } of processes) {
  const child = spawn(process.execPath, [file], {
    env: { ...process.env, XIANJIE_MODE: 'distributed' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.set(name, child);
  prefixLines(name, child.stdout!, process.stdout);
  prefixLines(name, child.stderr!, process.stderr);
  child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`${name} exited (${signal ?? code}); stopping the others`);
    stopAll('SIGTERM', 1);
  });
}

process.on('SIGINT', () => stopAll('SIGTERM', 0));
process.on('SIGTERM', () => stopAll('SIGTERM', 0));
