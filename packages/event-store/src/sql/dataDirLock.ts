import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

/**
 * PGlite has no lock of its own: two processes on one data directory corrupt it (seen as
 * `RuntimeError: Aborted()` at the next start). A lock file with the owner's pid refuses a second
 * process with a clear message; a lock left by a process that no longer runs is taken over.
 */
export const lockDataDir = (dataDir: string): (() => void) => {
  // Beside the directory, not in it: PGlite refuses a data directory holding files it did not write.
  const file = `${path.resolve(dataDir)}.xianjie.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(owner) && owner > 0 && isRunning(owner)) {
        throw new Error(
          `the data directory ${dataDir} is in use by process ${owner}; PGlite allows one process per directory ` +
            `(stop that process, or set XIANJIE_DATA_DIR to another directory)`,
        );
      }
      rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`could not lock the data directory ${dataDir}`);
};

const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};
