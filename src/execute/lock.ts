/**
 * Host-wide lock in the state dir, so the nightly timer, a dispatch and the job steps never
 * prune at the same time. An exclusive-create file holding our pid; a lock whose pid is gone
 * (a killed run) is taken over.
 */
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

export interface Lock { path: string; release(): Promise<void> }

const alive = (pid: number): boolean => {
  try { process.kill(pid, 0); return true; } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM'; }
};

/** Returns the lock, or undefined if another live process holds it after `waitMs`. */
export async function acquireLock(stateDir: string, waitMs: number): Promise<Lock | undefined> {
  await mkdir(stateDir, { recursive: true, mode: 0o700 });
  const path = join(stateDir, 'prune.lock');
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      const fh = await open(path, 'wx', 0o600);
      await fh.writeFile(`${process.pid}\n${new Date().toISOString()}\n`);
      await fh.close();
      return { path, release: () => rm(path, { force: true }) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const holder = Number((await readFile(path, 'utf8').catch(() => '')).split('\n')[0]);
    if (Number.isInteger(holder) && holder > 0 && !alive(holder)) {
      await rm(path, { force: true }); // stale: its process is gone
      continue;
    }
    if (Date.now() >= deadline) return undefined;
    await new Promise((r) => setTimeout(r, 200));
  }
}
