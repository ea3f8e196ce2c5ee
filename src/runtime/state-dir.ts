/**
 * The state dir a run can use. The default (/var/lib/ci-docker-prune) is the NixOS module's (or
 * `ci-docker-prune setup`'s), shared with the runners' group; a runner user for whom it is not
 * writable (another host, no setup) falls back to a directory of its own, said in one line,
 * instead of failing the job. A directory any local user may write is refused: it would let
 * anyone plant a FIFO as the ledger or forge the jobs' marks.
 */
import { constants } from 'node:fs';
import { access, mkdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Mode of the state dir and its files: shared with the group (a runner user), never with others. */
export const STATE_DIR_MODE = 0o770;
export const STATE_FILE_MODE = 0o660;

export type StateDir =
  | { kind: 'ok'; dir: string; note: string | undefined }
  /** Not usable at all: the run stops with this one line (never a stack trace later). */
  | { kind: 'unusable'; why: string };

/** Why others' write access makes `dir` unsafe, or undefined (sticky and ours is safe, as /tmp is). */
export async function othersMayWrite(dir: string, uid: number): Promise<string | undefined> {
  const st = await stat(dir).catch(() => undefined);
  if (!st || (st.mode & 0o002) === 0) return undefined;
  if ((st.mode & 0o1000) !== 0 && st.uid === uid) return undefined;
  const mode = (st.mode & 0o7777).toString(8).padStart(4, '0');
  return `state-dir ${dir} is writable by every local user (mode ${mode}): anyone could plant a FIFO as its ledger or forge the jobs' marks; chmod o-w ${dir}, then \`ci-docker-prune setup\` shares it with the runners' group`;
}

export async function usableStateDir(dir: string, env: NodeJS.ProcessEnv, uid = process.getuid?.() ?? -1): Promise<StateDir> {
  try {
    await mkdir(dir, { recursive: true, mode: STATE_DIR_MODE });
    await access(dir, constants.W_OK | constants.X_OK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    // only permissions (or a read-only mount) move us; a full disk does not (it is still ours)
    if (!['EACCES', 'EPERM', 'EROFS'].includes(code)) return { kind: 'ok', dir, note: undefined };
    const base = env.XDG_STATE_HOME || (env.HOME ? join(env.HOME, '.local', 'state') : join(tmpdir(), `ci-docker-prune-${uid}`));
    const fallback = base.endsWith(`ci-docker-prune-${uid}`) ? base : join(base, 'ci-docker-prune');
    try {
      await mkdir(fallback, { recursive: true, mode: 0o700 });
      await access(fallback, constants.W_OK | constants.X_OK);
    } catch (f) {
      return { kind: 'unusable', why: `state-dir ${dir} is not writable by uid ${uid} (${code}), nor is the fallback ${fallback} (${(f as NodeJS.ErrnoException).code ?? 'error'}): set state-dir to a directory this user may write, or run \`ci-docker-prune setup\` as root once` };
    }
    const unsafe = await othersMayWrite(fallback, uid);
    if (unsafe) return { kind: 'unusable', why: unsafe };
    return { kind: 'ok', dir: fallback, note: `state-dir ${dir} is not writable by uid ${uid} (${code}): using ${fallback}, a ledger of this user's own (the NixOS module, or \`ci-docker-prune setup\` run once as root, shares one with the runners' group)` };
  }
  const unsafe = await othersMayWrite(dir, uid);
  return unsafe ? { kind: 'unusable', why: unsafe } : { kind: 'ok', dir, note: undefined };
}
