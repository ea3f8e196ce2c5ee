/**
 * Write-then-rename, so a reader (or a crash) never sees half a file. The temporary file has an
 * unpredictable name and is created exclusively without following symlinks (O_EXCL |
 * O_NOFOLLOW): a link planted beside the target cannot redirect a root-owned write elsewhere.
 * rename() replaces a link at the target itself, never what it points to.
 */
import { constants } from 'node:fs';
import { access, chmod, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomHex } from './random.js';

const { O_CREAT, O_EXCL, O_WRONLY, O_NOFOLLOW } = constants;

/** Writes `content` to `path` atomically with `mode`; creates missing parent dirs with `dirMode`. */
export async function writeAtomic(path: string, content: string, mode = 0o644, dirMode = 0o755): Promise<void> {
  const dir = dirname(path);
  const first = await mkdir(dir, { recursive: true, mode: dirMode });
  // the dirs made here get dirMode whatever the umask (a runner's 022 would keep the group out
  // of a shared state dir's jobs/), keeping the setgid bit a shared parent handed down
  if (first) {
    for (let d = dir; ; d = dirname(d)) {
      const st = await stat(d);
      await chmod(d, dirMode | (st.mode & 0o2000));
      if (d === first || dirname(d) === d) break;
    }
  }
  const tmp = join(dir, `.${basename(path)}.${randomHex(9)}.tmp`);
  const fh = await open(tmp, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW, mode);
  try {
    try {
      await fh.writeFile(content);
      await fh.chmod(mode); // the umask must not widen or narrow what the caller asked for
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true }); // a full disk must not leave half files behind
    throw e;
  }
}

/**
 * Why `writeAtomic(path)` would fail for lack of permission or of a directory, or undefined:
 * asked before any Docker request, so a run never prunes and then cannot say so. The nearest
 * existing ancestor of the file's directory must be one we may write (writeAtomic creates the
 * rest), and the path itself must not be a directory.
 */
export async function writableProblem(path: string): Promise<string | undefined> {
  const st = await stat(path).catch(() => undefined);
  if (st?.isDirectory()) return `${path} is a directory`;
  let dir = dirname(path);
  for (;;) {
    const d = await stat(dir).catch(() => undefined);
    if (d) {
      if (!d.isDirectory()) return `${dir} is not a directory`;
      try { await access(dir, constants.W_OK | constants.X_OK); return undefined; } catch (e) {
        return `${dir} is not writable by uid ${process.getuid?.() ?? '?'} (${(e as NodeJS.ErrnoException).code ?? 'error'})`;
      }
    }
    const up = dirname(dir);
    if (up === dir) return `no directory of ${path} exists`;
    dir = up;
  }
}
