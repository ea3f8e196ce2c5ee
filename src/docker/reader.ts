/**
 * The read side of the Engine port: what a snapshot asks the engine, in domain terms. Two
 * adapters answer it: the Engine API in-process (api-reader.ts), where this process can reach
 * the daemon itself, and the docker CLI (cli-reader.ts) for everything else (`ssh://`, TLS, CLI
 * contexts). Modes, gates and planners see neither HTTP nor argv.
 */
import type { ContainerInfo, ImageInfo, ImageStore, ServiceInfo } from '../model/host.js';
import type { DockerInfo } from './schemas.js';

export { DaemonUnreachable } from './errors.js';

/** Services, secrets and configs; each undefined where this engine is no swarm manager. */
export interface SwarmLists { services: ServiceInfo[] | undefined; secrets: string[] | undefined; configs: string[] | undefined }

export interface EngineReader {
  /** Where requests go, for messages. */
  readonly target: string;
  /** Throws DaemonUnreachable when no daemon answers. */
  info(): Promise<DockerInfo>;
  /** Every image; `lastTagMs` may be unknown (the API lists lack it: see lastTagTimes). */
  images(): Promise<ImageInfo[]>;
  /** Whether the engine still has the image `id` (an eviction's removal checks it went). */
  imageExists(id: string): Promise<boolean>;
  /** The id `ref` (a tag) names now, or undefined when it names nothing. */
  imageIdOf(ref: string): Promise<string | undefined>;
  /** When the daemon last tagged each of `ids` (one request each through the API); gone ids are left out. */
  lastTagTimes(ids: readonly string[]): Promise<Map<string, number>>;
  containers(): Promise<ContainerInfo[]>;
  swarm(): Promise<SwarmLists>;
  /** Just the services (the executor's re-check before each removal). */
  services(): Promise<ServiceInfo[] | undefined>;
  /** Whether this manager knows the swarm node `id` (a worker's view read from it must be its own swarm's). */
  knowsNode(id: string): Promise<boolean>;
  volumes(): Promise<string[]>;
  networks(): Promise<string[]>;
  /**
   * The disk-usage walks (the daemon runs one at a time; undefined when it stays busy): the
   * build cache's size, and what removing each image would free. Asked only when a plan needs
   * them, and narrowed to what is asked where the engine allows (API 1.42+): the full walk
   * counts every file of every volume.
   */
  buildCacheBytes(): Promise<number | undefined>;
  uniqueImageBytes(): Promise<Map<string, number>>;
}

/** What a worker (or an engine without swarm) answers to a manager-only request. */
export const NOT_MANAGER = /not a swarm manager|swarm is not initialized|This node is not/i;

/** The containerd image store reports its snapshotter as the driver type; graph drivers do not. */
export function imageStoreOf(info: Pick<DockerInfo, 'DriverStatus'>): ImageStore {
  return (info.DriverStatus ?? []).some(([k, v]) => k === 'driver-type' && /^io\.containerd\.snapshotter\./.test(v ?? '')) ? 'containerd' : 'classic';
}

/** Go's zero time (`0001-01-01T00:00:00Z`): a time the daemon does not know. */
export const ZERO_TIME = /^0001-01-01/;

/**
 * The references of an image as the tool counts them: without the list's placeholders
 * (`<none>:<none>`, `<none>@<none>`) and without the containerd store's `moby-dangling@<digest>`,
 * the name it keeps a replaced tag's old image under (moby daemon/containerd/soft_delete.go):
 * that image is dangling, not tagged, and no `keep` pattern or report should see a name.
 */
export function realReferences(refs: readonly string[]): string[] {
  return refs.filter((r) => r !== '<none>:<none>' && r !== '<none>@<none>' && !r.startsWith('moby-dangling@') && !r.startsWith('moby-dangling:'));
}
