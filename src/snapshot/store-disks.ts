/**
 * Every filesystem holding this daemon's image store, measured and proved, and the fullest of
 * them: what the gates, the eviction's stop rule, min-free, reports and metrics read. Most hosts
 * have one (DockerRootDir's). With the containerd store on the system containerd, the images
 * fill containerd's root, often a disk of its own (see containerd-root.ts); the operator can
 * name filesystems no probe can see (input `store-paths`), which then replace the probe.
 */
import { stat } from 'node:fs/promises';
import type { Disk, ImageStore } from '../model/host.js';
import { findContainerdRoot, type ContainerdRoot } from './containerd-root.js';
import { measureDisk, unprovenContainerdRoot, unprovenRoot, type DaemonFacts } from './disk.js';

export interface StoreDisks {
  /** Every filesystem measured (DockerRootDir's first); empty when none could be. */
  disks: Disk[];
  /** The fullest, undefined when any of them could not be measured or proved (the disk gate fails closed). */
  disk: Disk | undefined;
  error: string | undefined;
}

export interface StoreInfo { rootDir: string; store: ImageStore; driver: string; containerdAddress: string | undefined; imageCount: number }

/** What was measured before the proofs, which need the daemon's lists. */
interface Measured { disks: Disk[]; error: string | undefined; containerdRoot: string | undefined }

/** The fullest: the highest used percent (what the gate compares), then the fewest bytes free. */
export function fullest(disks: readonly Disk[]): Disk | undefined {
  return disks.reduce<Disk | undefined>((a, d) => (!a || d.usedPercent > a.usedPercent || (d.usedPercent === a.usedPercent && d.availBytes < a.availBytes) ? d : a), undefined);
}

/** The same filesystems measured again (after a removal), the fullest of them. */
export async function measureFullest(disks: readonly Disk[]): Promise<Disk | undefined> {
  const again = await Promise.all(disks.map((d) => measureDisk(d.path).then((m) => (d.holds ? { ...m, holds: d.holds } : m))));
  return fullest(again);
}

// one process is one run: the containerd serving a daemon does not move under it
const probes = new Map<string, Promise<ContainerdRoot>>();
const containerdRootOf = (rootDir: string, address: string | undefined): Promise<ContainerdRoot> => {
  const key = `${rootDir}\0${address ?? ''}`;
  let p = probes.get(key);
  if (!p) probes.set(key, p = findContainerdRoot({ rootDir, containerdAddress: address }));
  return p;
};

const isInside = (path: string, dir: string): boolean => path === dir || path.startsWith(`${dir.replace(/\/+$/, '')}/`);

const device = (path: string): Promise<number | undefined> => stat(path).then((s) => s.dev, () => undefined);

async function measure(info: StoreInfo, storePaths: readonly string[]): Promise<Measured> {
  const root = await measureDisk(info.rootDir).catch((e: Error) => e);
  if (root instanceof Error) return { disks: [], error: `cannot measure ${info.rootDir} from here: ${root.message}`, containerdRoot: undefined };
  const disks: Disk[] = [root];
  if (storePaths.length > 0) {
    for (const path of storePaths) {
      const d = await measureDisk(path).catch((e: Error) => e);
      if (d instanceof Error) return { disks, error: `cannot measure ${path} (store-paths) from here: ${d.message}`, containerdRoot: undefined };
      disks.push({ ...d, holds: 'store-paths' });
    }
    return { disks: await distinct(disks), error: undefined, containerdRoot: undefined };
  }
  if (info.store !== 'containerd') return { disks, error: undefined, containerdRoot: undefined };
  const found = await containerdRootOf(info.rootDir, info.containerdAddress);
  if (found.kind === 'unknown') {
    return { disks, error: `cannot tell where containerd keeps this daemon's images (the containerd image store): ${found.why}; name that filesystem with store-paths`, containerdRoot: undefined };
  }
  const d = await measureDisk(found.path).catch((e: Error) => e);
  // dockerd's own containerd keeps its root inside DockerRootDir, which is 0710: a runner user
  // cannot reach it, and it is DockerRootDir's filesystem (measured already) as moby lays it out
  if (d instanceof Error && (d as NodeJS.ErrnoException).code === 'EACCES' && isInside(found.path, info.rootDir)) return { disks, error: undefined, containerdRoot: undefined };
  if (d instanceof Error) return { disks, error: `cannot measure ${found.path}, the containerd root (${found.how}): ${d.message}`, containerdRoot: undefined };
  return { disks: await distinct([...disks, { ...d, holds: 'containerd root' }]), error: undefined, containerdRoot: found.path };
}

/** One entry per filesystem (a containerd root on DockerRootDir's disk is measured once, as DockerRootDir). */
async function distinct(disks: Disk[]): Promise<Disk[]> {
  const devs = await Promise.all(disks.map((d) => device(d.path)));
  return disks.filter((_, i) => devs[i] === undefined || devs.indexOf(devs[i]) === i);
}

/**
 * Starts measuring as soon as `/info` is in (the lists are still being read); `prove` then
 * checks each path is this daemon's storage, with its lists.
 */
export function startMeasuring(info: StoreInfo, storePaths: readonly string[]): { prove(facts: DaemonFacts): Promise<StoreDisks> } {
  const measured = measure(info, storePaths);
  measured.catch(() => undefined);
  return {
    async prove(facts) {
      const m = await measured;
      // DockerRootDir first: a daemon whose path here is not its storage is said as such, before
      // what else could not be measured under it
      if (m.disks.length === 0) return { disks: m.disks, disk: undefined, error: m.error };
      const unproven = await unprovenRoot(facts);
      if (unproven) return { disks: m.disks, disk: undefined, error: `cannot prove ${info.rootDir} is this daemon's storage: ${unproven}` };
      if (m.error) return { disks: m.disks, disk: undefined, error: m.error };
      if (m.containerdRoot) {
        const why = await unprovenContainerdRoot(m.containerdRoot, info.driver, info.imageCount);
        if (why) return { disks: m.disks, disk: undefined, error: `cannot prove ${m.containerdRoot} is where containerd keeps this daemon's images: ${why}` };
      }
      return { disks: m.disks, disk: fullest(m.disks), error: undefined };
    },
  };
}
