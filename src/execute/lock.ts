/**
 * Host-wide locks held by the kernel, not by a file: a bound abstract unix socket
 * (`\0ci-docker-prune/<engine>/<name>`, Linux). Binding is atomic, the name vanishes the moment
 * its process dies (crash, `kill -9`, reboot), it needs no disk (a full disk cannot wedge it)
 * and no permissions (the root timer and an unprivileged runner user exclude each other).
 * Only the holder can release it: release closes our own socket, never someone else's.
 * Abstract names are per network namespace: every caller on the host namespace (systemd units
 * without PrivateNetwork=, runner processes) shares them.
 *
 * Two locks per engine, always taken in this order:
 * - `run`: one destructive run (prune + eviction) at a time;
 * - `step`: held briefly around each image removal and around every ledger update (a pre
 *   step's "the job needs these images" mark), so a removal and a mark never interleave.
 */
import { statSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { DEFAULT_SOCKET } from '../docker/client-config.js';
import { sha256Hex } from '../runtime/sha256.js';

export type LockName = 'run' | 'step';

export interface Lock {
  /** The abstract socket name (without the leading NUL), for messages. */
  readonly name: string;
  release(): Promise<void>;
}

/**
 * Which engine the locks belong to, without asking Docker: for a unix socket the socket file's
 * device and inode, else the host string. Only where the daemon cannot say who it is (no ID):
 * a socket proxy in front of the daemon, or `tcp://` and `unix://` to one daemon, are one
 * daemon behind different sockets (see daemonKey).
 */
export function engineKey(dockerHost: string | undefined, env: Readonly<Record<string, string | undefined>>): string {
  // `unix://` with no path is the default socket, as the CLI reads it
  const given = dockerHost || env.DOCKER_HOST;
  const host = !given || given === 'unix://' ? DEFAULT_SOCKET : given;
  let id = host;
  if (host.startsWith('unix://')) {
    try {
      const st = statSync(host.slice('unix://'.length));
      id = `unix:${st.dev}:${st.ino}`;
    } catch { /* no socket here: the path is the best name we have */ }
  }
  return sha256Hex(id).slice(0, 16);
}

/**
 * The daemon's identity, whichever path reaches it: its `ID` (the engine-id on 23+, the trust
 * key's id on 20.10) with its root dir (two 20.10 daemons on one host share the trust key).
 */
export function daemonKey(daemon: { ID: string; DockerRootDir: string }): string {
  return sha256Hex(`daemon\0${daemon.ID}\0${daemon.DockerRootDir}`).slice(0, 16);
}

/** How long a second destructive run (a prune, a warm run) waits for the run lock before giving way. */
export const RUN_LOCK_WAIT_MS = 5_000;

export const lockName = (key: string, name: LockName): string => `ci-docker-prune/${key}/${name}`;

/**
 * The names of one daemon's host locks, from what it says of itself: its `/info`, asked once
 * (or learned from a look that asked it), never a socket path.
 */
export class HostLocks {
  private key: Promise<string> | undefined;

  /** `askInfo` is asked only when no look has told the daemon's identity; `fallback` when it has none. */
  constructor(private readonly askInfo: () => Promise<{ ID: string; DockerRootDir: string }>, private readonly fallback: string) {}

  /** A look's `/info`: the daemon identifies itself with no request of our own. */
  learn(daemon: { ID: string; DockerRootDir: string }): void {
    this.key ??= Promise.resolve(this.keyOf(daemon));
  }

  /** What this daemon's locks are named by: its identity, or the socket's where it has none. */
  keyOf(daemon: { ID: string; DockerRootDir: string }): string {
    return daemon.ID ? daemonKey(daemon) : this.fallback;
  }

  async name(lock: LockName): Promise<string> {
    this.key ??= this.askInfo().then((i) => this.keyOf(i));
    return lockName(await this.key, lock);
  }
}

/** Binds the name once: the lock, or undefined when another live process holds it. */
export function tryLock(name: string): Promise<Lock | undefined> {
  return new Promise((resolve, reject) => {
    const server: Server = createServer((c) => c.destroy());
    server.once('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EADDRINUSE') resolve(undefined);
      else reject(new Error(`cannot take the host lock ${name}: ${e.message}`));
    });
    server.listen({ path: `\0${name}` }, () => {
      server.unref(); // the lock must never keep the process alive
      let released = false;
      resolve({
        name,
        release: () => new Promise<void>((done) => {
          if (released) { done(); return; }
          released = true;
          server.close(() => done());
        }),
      });
    });
  });
}

/**
 * Waits up to `waitMs` for the lock, polling; undefined when it stayed held. `shouldStop` ends
 * the wait early (a stop was requested).
 */
export async function acquireLock(name: string, waitMs: number, shouldStop: () => boolean = () => false): Promise<Lock | undefined> {
  const deadline = Date.now() + waitMs;
  for (let delay = 10; ; delay = Math.min(delay * 2, 50)) {
    const lock = await tryLock(name);
    if (lock) return lock;
    if (Date.now() >= deadline || shouldStop()) return undefined;
    await new Promise((r) => setTimeout(r, Math.min(delay, Math.max(1, deadline - Date.now()))));
  }
}

/**
 * Runs `fn` holding the lock; throws LockTimeout when it cannot be had within `waitMs`.
 *
 * Fairness: a caller that must not wait long (a pre step's mark) first binds `<name>.want`;
 * a `polite` caller taking the lock over and over (the eviction, once per image) waits while
 * `.want` is bound. Without it the eviction would re-take the lock the instant it released it,
 * and a pre step polling for it would wait for the whole eviction.
 */
export async function withLock<T>(name: string, waitMs: number, fn: () => Promise<T>, shouldStop?: () => boolean,
  opts: { polite?: boolean } = {}): Promise<T> {
  const want = `${name}.want`;
  let wanting: Lock | undefined;
  if (opts.polite) {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const probe = await tryLock(want);
      if (probe) { await probe.release(); break; }
      if (Date.now() >= deadline || shouldStop?.()) break;
      await new Promise((r) => setTimeout(r, 10));
    }
  } else {
    wanting = await tryLock(want); // undefined: another waiter already asks; we poll all the same
  }
  let lock: Lock | undefined;
  try {
    lock = await acquireLock(name, waitMs, shouldStop);
  } finally {
    await wanting?.release();
  }
  if (!lock) throw new LockTimeout(name, waitMs);
  try { return await fn(); } finally { await lock.release(); }
}

export class LockTimeout extends Error {
  override readonly name = 'LockTimeout';
  constructor(readonly lock: string, readonly waitMs: number) {
    super(`the host lock ${lock} stayed held for ${Math.round(waitMs / 1000)}s (another run is removing images)`);
  }
}
