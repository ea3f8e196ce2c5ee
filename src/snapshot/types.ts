/** The Snapshot: one plain value describing a Docker host at one moment. Pure data, JSON-safe. */

export interface Disk {
  /** The path measured (DockerRootDir). */
  path: string;
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

export interface Snapshot {
  takenAtMs: number;
  daemon: {
    serverVersion: string;
    rootDir: string;
    driver: string;
    /**
     * Where images live: graph drivers (`classic`) or containerd's snapshotters (`containerd`,
     * Docker 29's default). The stores differ in sizes, in `until`, and in what a re-tag leaves.
     */
    imageStore: 'classic' | 'containerd';
    name: string;
    os: string;
    mirrors: string[];
    /** Registries the daemon talks to without TLS (its insecure-registries). */
    insecureRegistries: string[];
    architecture: string;
  };
  swarm: SwarmState;
  /** Undefined when DockerRootDir cannot be measured from here (remote daemon). */
  disk: Disk | undefined;
  diskError: string | undefined;
  images: ImageInfo[];
  containers: ContainerInfo[];
  /** Undefined when the node is not a swarm manager (services cannot be listed). */
  services: ServiceInfo[] | undefined;
  servicesError: string | undefined;
  volumes: string[];
  networks: string[];
  /** Undefined when not a manager. */
  secrets: string[] | undefined;
  configs: string[] | undefined;
  /** Build cache bytes (from `system df`, rounded by docker); undefined when not measured. */
  buildCacheBytes: number | undefined;
  /** docker processes this snapshot ran. */
  dockerCalls: number;
  durationMs: number;
}

/**
 * A Snapshot before its image list: everything the gates, the disk and a closed-gate report
 * need. Listing hundreds of images is most of what a daemon spends on a look, and a closed
 * gate needs none of them. A distinct type, so no image-list consumer (the ledger drops what
 * a list lacks) can be handed a view by mistake.
 */
export interface HostView extends Omit<Snapshot, 'images'> {
  /** The daemon's own count of its images (`/info`); the list itself was not read. */
  imageCount: number;
}
