import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
/** Entry files are named relative to the repository root (the service registry's `entry`). */
const root = path.resolve(here, '../..');

export interface ServiceProcess {
  name: string;
  child: ChildProcess;
  output: string[];
}

/** Starts one distributed-mode process (its `main.ts`) with the given environment; its output is kept for failures. */
export const startProcess = (name: string, file: string, env: Record<string, string>): ServiceProcess => {
  const child = spawn(process.execPath, [path.join(root, file)], {
    env: { ...process.env, ...env, XIANJIE_MODE: 'distributed' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString('utf8'));
    if (output.length > 400) output.shift();
    if (process.env.E2E_LOG_LEVEL) process.stderr.write(`${name}| ${chunk.toString('utf8')}`);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  return { name, child, output };
};

export const waitForHealth = async (url: string, proc: ServiceProcess, timeoutMs = 60_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null) throw new Error(`${proc.name} exited (${proc.child.exitCode}):\n${proc.output.join('')}`);
    const res = await fetch(`${url}/healthz`).catch(() => null);
    if (res?.ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${proc.name} did not answer ${url}/healthz within ${timeoutMs} ms:\n${proc.output.join('')}`);
};

export const stopProcess = async (proc: ServiceProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> => {
  if (proc.child.exitCode !== null || proc.child.signalCode !== null) return proc.child.exitCode;
  const exited = new Promise<number | null>((resolve) => proc.child.once('exit', (code) => resolve(code)));
  proc.child.kill(signal);
  return exited;
};
