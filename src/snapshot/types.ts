/** The Snapshot: one plain value describing a Docker host at one moment. Pure data, JSON-safe. */
import type { ContainerInfo, Disk, ImageInfo, ImageStore, ServiceInfo, SwarmState } from '../model/host.js';

export interface Snapshot {
  takenAtMs: number;
  daemon: {
    /** The daemon's `ID` (its engine-id on 23+): with rootDir, what names its host locks. */
    id: string;
    serverVersion: string;
    rootDir: string;
    driver: string;
    /** Where images live (model/host.ts). */
    imageStore: ImageStore;
    name: string;
    os: string;
    mirrors: string[];
    /** Registries the daemon talks to without TLS (its insecure-registries). */
    insecureRegistries: string[];
    architecture: string;
  };
  swarm: SwarmState;
  /**
   * The fullest filesystem holding the image store (snapshot/store-disks.ts); undefined when one
   * cannot be measured or proved from here (a remote daemon): the disk gate then fails closed.
   */
  disk: Disk | undefined;
  /** Every filesystem measured: DockerRootDir's, and containerd's root where it is another. */
  disks: Disk[];
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
