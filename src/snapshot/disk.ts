/** Disk usage of the filesystem holding a path, measured like df (statfs, no subprocess). */
import { access, statfs } from 'node:fs/promises';
import { readRegularFile } from '../runtime/safe-read.js';
import { join } from 'node:path';
import type { Disk } from '../model/host.js';

const pct = (used: number, total: number): number => (total > 0 ? Math.round((used / total) * 1000) / 10 : 0);

export async function measureDisk(path: string): Promise<Disk> {
  const s = await statfs(path);
  const totalBytes = s.blocks * s.bsize;
  const usedBytes = (s.blocks - s.bfree) * s.bsize;
  const availBytes = s.bavail * s.bsize;
  const inodesUsed = s.files - s.ffree;
  // df's Use% is used / (used + avail): root-reserved blocks count as unusable.
  const bytesPercent = pct(usedBytes, usedBytes + availBytes);
  const inodesPercent = pct(inodesUsed, s.files);
  return {
    path, totalBytes, usedBytes, availBytes, bytesPercent,
    inodesTotal: s.files, inodesUsed, inodesPercent,
    usedPercent: Math.max(bytesPercent, inodesPercent),
  };
}

/**
 * What a daemon reports about itself and its objects: enough to recognise its storage. The
 * image ids are asked for only when nothing else proves it (an engine older than 23 with no
 * container): a look that does not list images then lists them for this alone.
 */
export interface DaemonFacts { rootDir: string; engineId: string; driver: string; containerIds: readonly string[]; imageIds: () => Promise<readonly string[]> }

/** true: there; false: not there; 'denied': this user may not look (a runner user and a 0710 root dir). */
const exists = (p: string): Promise<boolean | 'denied'> => access(p).then(() => true, (e: NodeJS.ErrnoException) => (e.code === 'EACCES' ? 'denied' : false));

/**
 * Why `rootDir` as seen from here may not be the daemon's storage, or undefined when files the
 * daemon keeps there are here: its `engine-id` (Docker 23+) naming this engine, or one of its
 * containers' directories, or the image store's file for one of its images (classic store).
 * A daemon in another mount namespace, a remote one (`tcp://`, `ssh://`) or a socket mounted
 * into a job container would otherwise have the wrong filesystem measured.
 */
export async function unprovenRoot(d: DaemonFacts): Promise<string | undefined> {
  // Docker keeps its root dir 0710: a runner user in the docker group may not look inside, and
  // then nothing can be proved either way; its statfs of the path is trusted as before
  if (await exists(join(d.rootDir, 'containers')) === 'denied') return undefined;
  const idFile = await readRegularFile(join(d.rootDir, 'engine-id'), 4096);
  const engineId = idFile.kind === 'ok' ? idFile.text.trim() : undefined;
  if (engineId !== undefined) return engineId === d.engineId ? undefined : `${d.rootDir}/engine-id here names another engine (${engineId.slice(0, 36)})`;
  for (const id of d.containerIds.slice(0, 3)) if (await exists(join(d.rootDir, 'containers', id)) === true) return undefined;
  const imageIds = await d.imageIds();
  for (const id of imageIds.slice(0, 3)) {
    if (await exists(join(d.rootDir, 'image', d.driver, 'imagedb', 'content', 'sha256', id.replace(/^sha256:/, ''))) === true) return undefined;
  }
  // an engine with no image and no container: its layout is the only sign (and nothing is prunable)
  if (imageIds.length === 0 && d.containerIds.length === 0 && await exists(join(d.rootDir, 'containers')) === true) return undefined;
  return `none of the files the daemon keeps for its ${imageIds.length} images and ${d.containerIds.length} containers is under ${d.rootDir} here (a daemon in another mount namespace, a remote daemon, or a socket mounted into a container?)`;
}

/**
 * Why `root` as seen from here may not be where a containerd keeps this daemon's images, or
 * undefined when its layout is here: the snapshotter's directory (named as the daemon's driver,
 * e.g. `io.containerd.snapshotter.v1.overlayfs`) and, once it holds any image, the content store.
 * containerd keeps its root 0700: a runner user may not look inside, and its statfs is trusted.
 */
export async function unprovenContainerdRoot(root: string, snapshotter: string, imageCount: number): Promise<string | undefined> {
  const snapshots = join(root, `io.containerd.snapshotter.v1.${snapshotter}`);
  const content = join(root, 'io.containerd.content.v1.content');
  const [s, c] = await Promise.all([exists(snapshots), exists(content)]);
  if (s === 'denied' || c === 'denied') return undefined;
  if (s === false) return `${snapshots} is not here`;
  if (c === false && imageCount > 0) return `${content} is not here, and the daemon has ${imageCount} images`;
  return undefined;
}
