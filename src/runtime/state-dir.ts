/**
 * The state dir a run can use. The default (/var/lib/ci-docker-prune) is the NixOS module's,
 * shared with the runners' group; a runner user for whom it is not writable (another host, no
 * module) falls back to a directory of its own, said in one line, instead of failing the job.
 */
import { constants } from 'node:fs';
import { access, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Mode of the state dir and its files: shared with the group (a runner user), never with others. */
export const STATE_DIR_MODE = 0o770;
export const STATE_FILE_MODE = 0o660;

export async function usableStateDir(dir: string, env: NodeJS.ProcessEnv, uid = process.getuid?.() ?? -1): Promise<{ dir: string; note: string | undefined }> {
  try {
    await mkdir(dir, { recursive: true, mode: STATE_DIR_MODE });
    await access(dir, constants.W_OK | constants.X_OK);
    return { dir, note: undefined };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    // only permissions (or a read-only mount) move us; a full disk does not (it is still ours)
    if (!['EACCES', 'EPERM', 'EROFS'].includes(code)) return { dir, note: undefined };
    const base = env.XDG_STATE_HOME || (env.HOME ? join(env.HOME, '.local', 'state') : join(tmpdir(), `ci-docker-prune-${uid}`));
    const fallback = base.endsWith(`ci-docker-prune-${uid}`) ? base : join(base, 'ci-docker-prune');
    await mkdir(fallback, { recursive: true, mode: 0o700 }).catch(() => undefined);
    return { dir: fallback, note: `state-dir ${dir} is not writable by uid ${uid} (${code}): using ${fallback}, a ledger of this user's own (the NixOS module shares one with the docker group)` };
  }
}
