/**
 * The daemon a socket reached last time, remembered in the state dir by its address, so a
 * pre step can take the daemon's step lock before it asks the daemon who it is: its `/info`
 * then goes out in the snapshot's wave instead of alone, in series, before it. Only a guess,
 * confirmed by that `/info` before anything is decided from the look (see modes/step-look.ts):
 * a missing, stale or planted file costs one more look, never a look outside the right lock.
 */
import { join } from 'node:path';
import { writeAtomic } from '../runtime/atomic-file.js';
import { readRegularFile } from '../runtime/safe-read.js';
import { sha256Hex } from '../runtime/sha256.js';
import { STATE_DIR_MODE, STATE_FILE_MODE } from '../runtime/state-dir.js';

// by the address, not the socket's inode: a restarted daemon makes a new socket file but keeps
// its ID, so the name stays right and the files stay one per address
const memoryPath = (stateDir: string, dockerHost: string): string => join(stateDir, 'locks', `${sha256Hex(dockerHost).slice(0, 16)}.json`);
const KEY = /^[0-9a-f]{16}$/;

/** The daemon key last seen at this address (the engine reader's target), or undefined (none yet, or not one we wrote). */
export async function rememberedDaemon(stateDir: string, dockerHost: string): Promise<string | undefined> {
  const read = await readRegularFile(memoryPath(stateDir, dockerHost), 256);
  let key: unknown;
  try { key = read.kind === 'ok' ? (JSON.parse(read.text) as { daemon?: unknown }).daemon : undefined; } catch { /* not ours */ }
  return typeof key === 'string' && KEY.test(key) ? key : undefined;
}

/** Never throws: a state dir this user cannot write only means the next step asks `/info` first again. */
export async function rememberDaemon(stateDir: string, dockerHost: string, daemonKey: string): Promise<void> {
  await writeAtomic(memoryPath(stateDir, dockerHost), JSON.stringify({ daemon: daemonKey }), STATE_FILE_MODE, STATE_DIR_MODE).catch(() => undefined);
}
