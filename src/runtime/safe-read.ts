/**
 * Reads a file the tool keeps (the ledger, a job's state, the last metrics) or consults (the
 * client config, the engine-id) only when it is a regular file: opened without following a
 * link and without blocking (O_NOFOLLOW | O_NONBLOCK), then checked on the open descriptor, so
 * a FIFO planted in its place cannot hang the step in open() and a link cannot redirect a
 * root-owned read. The outcome is a kind; the caller's report phrases it.
 */
import { constants, closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';

const { O_RDONLY, O_NOFOLLOW, O_NONBLOCK } = constants;
/** `follow`: a link is followed (the client config is a link to a rendered secret), never a FIFO. */
const flags = (follow: boolean): number => O_RDONLY | O_NONBLOCK | (follow ? 0 : O_NOFOLLOW);

export type FileRead =
  | { kind: 'ok'; text: string }
  | { kind: 'missing' }
  | { kind: 'refused'; why: 'not-a-file' | 'link' | 'too-big' | 'unreadable'; detail: string };

interface StatLike { isFile(): boolean; isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isDirectory(): boolean; size: number }

function whatItIs(st: StatLike): string {
  return st.isFIFO() ? 'a FIFO' : st.isSocket() ? 'a socket' : st.isCharacterDevice() || st.isBlockDevice() ? 'a device' : st.isDirectory() ? 'a directory' : 'not a regular file';
}

function refusal(path: string, st: StatLike, maxBytes: number): FileRead | undefined {
  if (!st.isFile()) return { kind: 'refused', why: 'not-a-file', detail: `${path} is ${whatItIs(st)}, not a regular file: not opened` };
  if (st.size > maxBytes) return { kind: 'refused', why: 'too-big', detail: `${path} is ${st.size} bytes, over the ${maxBytes}-byte limit` };
  return undefined;
}

function failed(path: string, e: unknown): FileRead {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
  if (code === 'ELOOP') return { kind: 'refused', why: 'link', detail: `${path} is a symbolic link: not followed` };
  return { kind: 'refused', why: 'unreadable', detail: `${path}: ${(e as Error).message}` };
}

export async function readRegularFile(path: string, maxBytes: number, follow = false): Promise<FileRead> {
  let fh;
  try { fh = await open(path, flags(follow)); } catch (e) { return failed(path, e); }
  try {
    const refused = refusal(path, await fh.stat(), maxBytes);
    return refused ?? { kind: 'ok', text: await fh.readFile('utf8') };
  } catch (e) {
    return failed(path, e);
  } finally {
    await fh.close().catch(() => undefined);
  }
}

/** The same, synchronously (for the few reads made before the first request: the CLI context). */
export function readRegularFileSync(path: string, maxBytes: number, follow = false): FileRead {
  let fd: number;
  try { fd = openSync(path, flags(follow)); } catch (e) { return failed(path, e); }
  try {
    const refused = refusal(path, fstatSync(fd), maxBytes);
    return refused ?? { kind: 'ok', text: readFileSync(fd, 'utf8') };
  } catch (e) {
    return failed(path, e);
  } finally {
    closeSync(fd);
  }
}
