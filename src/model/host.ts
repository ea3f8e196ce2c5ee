/**
 * The domain's ground floor: what a Docker host holds, in the tool's own terms. Every floor
 * above (the Engine port's adapters in docker/, the snapshot, gates, planners, reports) speaks
 * these types; this module imports nothing, so no import runs back up a floor.
 */

/**
 * Where images live: graph drivers (`classic`) or containerd's snapshotters (`containerd`,
 * Docker 29's default). The stores differ in sizes, in `until`, and in what a re-tag leaves.
 */
export type ImageStore = 'classic' | 'containerd';

export interface Disk {
  /** The path measured (DockerRootDir, or another filesystem holding the image store). */
  path: string;
  /**
   * What it holds, where the image store spans more than DockerRootDir's filesystem:
   * `containerd root` (the system containerd's, on the containerd store), `store-paths`.
   */
  holds?: string;
  totalBytes: number;
  usedBytes: number;
  /** Free for unprivileged users (what df shows as Avail). */
  availBytes: number;
  /** used / (used + avail), as df computes Use%. */
  bytesPercent: number;
  inodesTotal: number;
  inodesUsed: number;
  inodesPercent: number;
  /** The higher of bytes and inodes percent: what the disk gate compares. */
  usedPercent: number;
}

export interface ImageInfo {
  id: string;
  tags: string[];
  digests: string[];
  dangling: boolean;
  sizeBytes: number;
  createdMs: number;
  /** When the daemon last tagged it locally (pull/tag/load), if it reports it. */
  lastTagMs: number | undefined;
  /** How many containers use it, by the daemon's own count (`/images/json` from API 1.51; -1 before: absent). */
  containers?: number;
}

export interface ContainerInfo {
  id: string;
  name: string;
  imageId: string;
  /** The reference the container was created from (tag or id). */
  imageRef: string;
  state: string;
  createdMs: number;
  /** Swarm service this task belongs to, if any. */
  service: string | undefined;
}

export interface ServiceInfo {
  id: string;
  name: string;
  /** Image reference in the current spec (may carry @sha256 digest). */
  image: string;
  /** Image reference in the previous spec (what a rollback would run). */
  previousImage: string | undefined;
  mode: string;
  running: number;
  desired: number;
  updateState: string | undefined;
  createdMs: number;
  updatedMs: number;
}

export interface SwarmState {
  /** `active`, `inactive`, `pending`, `error`, `locked`. */
  state: string;
  manager: boolean;
  /** This node's swarm node ID, when it is in a swarm. */
  nodeId?: string | undefined;
  /** Where services were read from when not here (`manager-host`). */
  managerHost?: string | undefined;
}
