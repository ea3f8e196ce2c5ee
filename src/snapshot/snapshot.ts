/**
 * Takes a Snapshot (or a HostView, the same without the image list) with a constant number of
 * requests, whatever the number of objects: every list at once (`info` too), through the Engine
 * port's reader (the API in-process where this process reaches the daemon itself, else the
 * docker CLI).
 */
import type { Engine } from '../docker/engine.js';
import { DockerError } from '../docker/errors.js';
import type { DockerInfo } from '../docker/schemas.js';
import { imageStoreOf, type EngineReader, type SwarmLists } from '../docker/reader.js';
import { startMeasuring } from './store-disks.js';
import { repositoryOf } from './references.js';
import type { ContainerInfo, ImageInfo, ImageStore, ServiceInfo } from '../model/host.js';
import type { HostView, Snapshot } from './types.js';

export { imageStoreOf };

export interface SnapshotOptions {
  /** `system df` walks volumes and can be slow on big hosts: only when the report wants it. */
  buildCache?: boolean;
  /** The daemon's `/info`, asked a moment ago (the pre step names its lock by it): not asked again. */
  info?: DockerInfo;
}

/** Everything, images included, in one wave. */
export async function takeSnapshot(engine: Engine, opts: SnapshotOptions = {}): Promise<Snapshot> {
  const { view, images } = await look(engine, opts, true);
  return withImageList(view, images!);
}

/**
 * Everything but the image list (see HostView): the gates can be judged from it, and when one
 * is closed (the nightly run's usual answer) the daemon never lists its images.
 */
export async function takeHostView(engine: Engine, opts: SnapshotOptions = {}): Promise<HostView> {
  return (await look(engine, opts, false)).view;
}

/** `view` completed with the image list, asked now (its other lists stay as they were read). */
export async function listImages(engine: Engine, view: HostView): Promise<Snapshot> {
  const callsBefore = engine.calls();
  const images = await readImages(engine, view.daemon.imageStore);
  return withImageList({ ...view, dockerCalls: view.dockerCalls + engine.calls() - callsBefore }, images);
}

function withImageList(view: HostView, images: ImageInfo[]): Snapshot {
  const { imageCount: _counted, ...rest } = view;
  return { ...rest, images };
}

async function look(engine: Engine, opts: SnapshotOptions, withImages: boolean): Promise<{ view: HostView; images: ImageInfo[] | undefined }> {
  const started = Date.now();
  const callsBefore = engine.calls();
  const reader = engine.read;
  // Everything is asked at once, `info` included: the pre step is on every job's critical
  // path. Swarm lists are asked speculatively; on a non-manager they come back undefined, read
  // as "not visible" (the info says why).
  const infoP = opts.info ? Promise.resolve(opts.info) : reader.info();
  // every filesystem the image store fills is measured as soon as the daemon says where it is
  const storeP = infoP.then((info) => startMeasuring({
    rootDir: info.DockerRootDir, store: imageStoreOf(info), driver: info.Driver,
    containerdAddress: info.Containerd?.Address || undefined, imageCount: info.Images ?? 0,
  }, engine.storePaths));
  // swarm objects come from the manager given with manager-host (on a worker), else from here
  const remote = engine.managerHost;
  const swarmP = remote ? managerLists(engine.swarm) : reader.swarm().then((l) => ({ ...l, error: undefined }));
  const wave = Promise.all([
    storeP,
    withImages ? reader.images() : undefined,
    reader.containers(),
    swarmP,
    reader.volumes(),
    reader.networks(),
    opts.buildCache ? readBuildCache(engine) : Promise.resolve(undefined),
  ]);
  wave.catch(() => undefined); // if the daemon is down, report that (below), not a list failure
  const info = await infoP;
  const [measuring, listed, containers, lists, volumes, networks, buildCacheBytes] = await wave;
  const store = imageStoreOf(info);
  const images = listed && (store === 'containerd' ? listed.map(withRepoDigests) : listed);
  // the disk counts only when the path measured is provably this daemon's storage
  const imageIds = async (): Promise<string[]> => (images ?? await reader.images()).map((i) => i.id);
  const disks = await measuring.prove({ rootDir: info.DockerRootDir, engineId: info.ID, driver: info.Driver, containerIds: containers.map((c) => c.id), imageIds });
  const state = info.Swarm?.LocalNodeState || 'inactive';
  const nodeId = info.Swarm?.NodeID || undefined;
  const manager = state === 'active' && info.Swarm?.ControlAvailable === true;
  // Without swarm no service can exist: an empty list, not an unknown one (locally).
  const noSwarm = state === 'inactive' && !remote;
  const remoteError = remote ? lists.error ?? await managerProblem(engine.swarm, lists, state, nodeId) : undefined;
  const visible = remote ? remoteError === undefined : lists.services !== undefined;
  const services = visible ? lists.services : noSwarm ? [] : undefined;

  const view: HostView = {
    takenAtMs: started,
    daemon: {
      id: info.ID,
      serverVersion: info.ServerVersion,
      rootDir: info.DockerRootDir,
      driver: info.Driver,
      imageStore: store,
      name: info.Name,
      os: info.OperatingSystem,
      mirrors: info.RegistryConfig?.Mirrors ?? [],
      insecureRegistries: Object.entries(info.RegistryConfig?.IndexConfigs ?? {}).filter(([, c]) => c.Secure === false).map(([k]) => k),
      architecture: info.Architecture,
    },
    swarm: { state, manager, nodeId, managerHost: remote },
    disk: disks.disk,
    disks: disks.disks,
    diskError: disks.error,
    imageCount: images?.length ?? info.Images ?? 0,
    containers,
    services,
    servicesError: remote ? remoteError : manager || noSwarm ? undefined
      : state === 'active' ? 'this node is a swarm worker, not a manager: services cannot be listed here'
        : `swarm is not active on this node (state: ${state})`,
    volumes,
    networks,
    secrets: visible ? lists.secrets : noSwarm ? [] : undefined,
    configs: visible ? lists.configs : noSwarm ? [] : undefined,
    buildCacheBytes,
    dockerCalls: engine.calls() - callsBefore,
    durationMs: Date.now() - started,
  };
  return { view, images };
}

/**
 * On the containerd store an image's id is its manifest digest, so `repo@id` names it in every
 * repository it is tagged in; `image inspect` lists them all, the API's image list only some
 * (seen on 26.1: one per digest). Completed here, so a job asking for `mariadb@sha256:…` finds
 * the image whichever name it was pulled under.
 */
export function withRepoDigests(img: ImageInfo): ImageInfo {
  if (!/^sha256:[0-9a-f]{64}$/.test(img.id)) return img;
  const digests = [...new Set([...img.digests, ...img.tags.map((t) => `${repositoryOf(t)}@${img.id}`)])];
  return digests.length === img.digests.length ? img : { ...img, digests };
}

/** The lists from the manager; a manager that cannot answer is a reason (fail closed), not a crash. */
async function managerLists(manager: EngineReader): Promise<SwarmLists & { error: string | undefined }> {
  try {
    return { ...(await manager.swarm()), error: undefined };
  } catch (e) {
    if (!(e instanceof DockerError)) throw e;
    return { services: undefined, secrets: undefined, configs: undefined, error: `manager-host ${manager.target} cannot answer: ${e.message}` };
  }
}

/**
 * Why the manager's view cannot stand for this node, or undefined when it can: this node must
 * be in a swarm, the manager must be one, and it must know this node (the same swarm).
 */
async function managerProblem(manager: EngineReader, lists: SwarmLists, state: string, nodeId: string | undefined): Promise<string | undefined> {
  if (state !== 'active' || !nodeId) return `manager-host is set, but this node is not an active swarm member (state: ${state})`;
  if (!lists.services) return `manager-host ${manager.target} is not a swarm manager`;
  try {
    if (await manager.knowsNode(nodeId)) return undefined;
    return `manager-host ${manager.target} does not manage this node (${nodeId}): unknown node`;
  } catch (e) {
    if (!(e instanceof DockerError)) throw e;
    return `manager-host ${manager.target} does not manage this node (${nodeId}): ${e.message}`;
  }
}

/**
 * `snap` with the prune age of its dangling images known where it is not the build time: on
 * the containerd store, the age `until` compares is the image record's (its last-tag time, see
 * plan/prune-plan.ts), which the API's list does not carry. One request per dangling image,
 * so only where a prune plan is made (gates open, or `check`), never on a no-op path.
 */
export async function withPruneAges(engine: Engine, snap: Snapshot): Promise<Snapshot> {
  if (snap.daemon.imageStore !== 'containerd') return snap;
  const unknown = snap.images.filter((i) => i.dangling && i.lastTagMs === undefined).map((i) => i.id);
  if (unknown.length === 0) return snap;
  const times = await engine.read.lastTagTimes(unknown);
  return { ...snap, images: snap.images.map((i) => (times.has(i.id) ? { ...i, lastTagMs: times.get(i.id) } : i)) };
}

/** Just the images (one request through the API, two CLI processes otherwise), named as a snapshot names them. */
export async function readImages(engine: Engine, store: ImageStore): Promise<ImageInfo[]> {
  const images = await engine.read.images();
  return store === 'containerd' ? images.map(withRepoDigests) : images;
}

/** Just the containers, in any state. */
export function readContainers(engine: Engine): Promise<ContainerInfo[]> {
  return engine.read.containers();
}

/**
 * The services again, as `snap` could see them: [] where swarm is off (none can exist),
 * undefined where this node cannot list them (the service gates then fail closed).
 */
export async function rereadServices(engine: Engine, snap: Pick<Snapshot, 'swarm'>): Promise<ServiceInfo[] | undefined> {
  if (snap.swarm.state === 'inactive' && !engine.managerHost) return [];
  try {
    return await engine.swarm.services();
  } catch (e) {
    // a manager that stopped answering mid-run closes the service gates; the run stops there
    if (engine.managerHost && e instanceof DockerError) return undefined;
    throw e;
  }
}

/** The build cache's size, from `system df` (it walks every volume: never on a no-op path). */
export function readBuildCache(engine: Engine): Promise<number | undefined> {
  return engine.read.buildCacheBytes();
}
