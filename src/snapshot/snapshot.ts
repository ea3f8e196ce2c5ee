/**
 * Takes a Snapshot with a constant number of docker calls, whatever the number of objects:
 * wave 1 lists everything in parallel, wave 2 inspects the listed ids in batches.
 */
import { DockerError, lastLine, parseJson, type Docker } from '../docker/cli.js';
import { systemDf } from '../docker/system-df.js';
import * as S from '../docker/schemas.js';
import { parseBytes } from '../inputs/units.js';
import { DOCKER_CONCURRENCY, mapLimit } from '../runtime/pool.js';
import { measureDisk, unprovenRoot } from './disk.js';
import type { ContainerInfo, ImageInfo, ServiceInfo, Snapshot } from './types.js';

/** Ids per inspect call: keeps argv far below the kernel's limits on hosts with many objects. */
const BATCH = 1000;

export interface SnapshotOptions {
  /** `system df` walks volumes and can be slow on big hosts: only when the report wants it. */
  buildCache?: boolean;
}

/** The daemon could not be reached at all: one clear line, exit 1. */
export class DaemonUnreachable extends Error {
  override readonly name = 'DaemonUnreachable';
}

const ms = (iso: string): number => Date.parse(iso);
const NOT_MANAGER = /not a swarm manager|swarm is not initialized|This node is not/i;

export async function takeSnapshot(docker: Docker, opts: SnapshotOptions = {}): Promise<Snapshot> {
  const started = Date.now();
  const callsBefore = docker.calls;
  // Everything is asked at once, `docker info` included: the pre step is on every job's
  // critical path. Swarm lists are asked speculatively; on a non-manager they fail, and that
  // failure is read as "not visible" (the info says why).
  const infoP = docker.exec(['info', '--format', '{{json .}}']).then((r) => parseInfo(r, docker.target));
  const diskP = infoP.then((info) => measureDisk(info.DockerRootDir).then(
    (d) => ({ disk: d, error: undefined }),
    (e: Error) => ({ disk: undefined, error: `cannot measure ${info.DockerRootDir} from here: ${e.message}` })));
  // swarm objects come from the manager given with manager-host (on a worker), else from here
  const remote = docker.swarmManager;
  const swarmP = remote ? managerLists(remote) : swarmLists(docker).then((l) => ({ ...l, error: undefined }));
  const wave = Promise.all([
    diskP,
    docker.lines(['image', 'ls', '--no-trunc', '--format', '{{.ID}}']),
    docker.lines(['container', 'ls', '--all', '--no-trunc', '--format', '{{.ID}}']),
    swarmP,
    names(docker, ['volume', 'ls', '--format', '{{json .}}']),
    names(docker, ['network', 'ls', '--format', '{{json .}}']),
    opts.buildCache ? buildCache(docker) : Promise.resolve(undefined),
  ]);
  wave.catch(() => undefined); // if the daemon is down, report that (below), not a list failure
  const info = await infoP;
  const [measured, imageIds, containerIds, lists, volumes, networks, buildCacheBytes] = await wave;
  // the disk counts only when the path measured is provably this daemon's storage
  const unproven = measured.disk ? await unprovenRoot({ rootDir: info.DockerRootDir, engineId: info.ID, driver: info.Driver, imageIds, containerIds }) : undefined;
  const diskResult = unproven ? { disk: undefined, error: `cannot prove ${info.DockerRootDir} is this daemon's storage: ${unproven}` } : measured;
  const state = info.Swarm?.LocalNodeState || 'inactive';
  const nodeId = info.Swarm?.NodeID || undefined;
  const manager = state === 'active' && info.Swarm?.ControlAvailable === true;
  // Without swarm no service can exist: an empty list, not an unknown one (locally).
  const noSwarm = state === 'inactive' && !remote;
  const remoteError = remote ? lists.error ?? await managerProblem(remote, lists, state, nodeId) : undefined;
  const visible = remote ? remoteError === undefined : lists.serviceLines !== undefined;

  const [images, containers, services] = await Promise.all([
    inspectBatches(docker, ['image', 'inspect'], [...new Set(imageIds)], S.ImageInspect).then((l) => l.map(toImage)),
    inspectBatches(docker, ['container', 'inspect'], containerIds, S.ContainerInspect).then((l) => l.map(toContainer)),
    visible && lists.serviceLines ? inspectServices(docker.swarm, lists.serviceLines) : Promise.resolve(noSwarm ? [] : undefined),
  ]);

  return {
    takenAtMs: started,
    daemon: {
      serverVersion: info.ServerVersion,
      rootDir: info.DockerRootDir,
      driver: info.Driver,
      imageStore: imageStoreOf(info),
      name: info.Name,
      os: info.OperatingSystem,
      mirrors: info.RegistryConfig?.Mirrors ?? [],
      insecureRegistries: Object.entries(info.RegistryConfig?.IndexConfigs ?? {}).filter(([, c]) => c.Secure === false).map(([k]) => k),
      architecture: info.Architecture,
    },
    swarm: { state, manager, nodeId, managerHost: remote?.target },
    disk: diskResult.disk,
    diskError: diskResult.error,
    images,
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
    dockerCalls: docker.calls - callsBefore,
    durationMs: Date.now() - started,
  };
}

function parseInfo(r: { exitCode: number; stdout: string; stderr: string }, target: string): S.DockerInfo {
  // Newer clients print client info and exit non-zero when the daemon is down; older ones
  // print an error. Either way: no ServerVersion = no daemon.
  let parsed: unknown;
  try { parsed = JSON.parse(r.stdout); } catch { parsed = undefined; }
  const info = S.DockerInfo.safeParse(parsed);
  if (r.exitCode !== 0 || !info.success) {
    const err = (parsed as { ServerErrors?: string[] } | undefined)?.ServerErrors?.[0]
      ?? r.stderr.trim().split('\n').filter(Boolean).slice(-1)[0] ?? 'no answer';
    throw new DaemonUnreachable(`cannot reach the Docker daemon at ${target}: ${err.replace(/^ERROR:\s*/, '')}`);
  }
  return info.data;
}

interface SwarmLists { serviceLines: S.ServiceLine[] | undefined; secrets: string[] | undefined; configs: string[] | undefined }

/** Services, secrets and configs, asked at once; each undefined where `d` is no manager. */
async function swarmLists(d: Docker): Promise<SwarmLists> {
  const [serviceLines, secrets, configs] = await Promise.all([
    swarmList(d, ['service', 'ls', '--format', '{{json .}}'], S.ServiceLine),
    swarmList(d, ['secret', 'ls', '--format', '{{json .}}'], S.NamedLine).then((l) => l?.map((x) => x.Name)),
    swarmList(d, ['config', 'ls', '--format', '{{json .}}'], S.NamedLine).then((l) => l?.map((x) => x.Name)),
  ]);
  return { serviceLines, secrets, configs };
}

/** The lists from the manager; a manager that cannot answer is a reason (fail closed), not a crash. */
async function managerLists(manager: Docker): Promise<SwarmLists & { error: string | undefined }> {
  try {
    return { ...(await swarmLists(manager)), error: undefined };
  } catch (e) {
    if (!(e instanceof DockerError)) throw e;
    return { serviceLines: undefined, secrets: undefined, configs: undefined, error: `manager-host ${manager.target} cannot answer: ${e.message}` };
  }
}

/**
 * Why the manager's view cannot stand for this node, or undefined when it can: this node must
 * be in a swarm, the manager must be one, and it must know this node (the same swarm).
 */
async function managerProblem(manager: Docker, lists: SwarmLists, state: string, nodeId: string | undefined): Promise<string | undefined> {
  if (state !== 'active' || !nodeId) return `manager-host is set, but this node is not an active swarm member (state: ${state})`;
  if (!lists.serviceLines) return `manager-host ${manager.target} is not a swarm manager`;
  const r = await manager.exec(['node', 'inspect', '--format', '{{.ID}}', nodeId]);
  if (r.exitCode !== 0 || r.stdout.trim() !== nodeId) return `manager-host ${manager.target} does not manage this node (${nodeId}): ${lastLine(r.stderr) || 'unknown node'}`;
  return undefined;
}

/** A swarm-only list: undefined where this node cannot answer it (worker, or no swarm). */
async function swarmList<T>(docker: Docker, args: string[], schema: import('zod').ZodType<T>): Promise<T[] | undefined> {
  const r = await docker.exec(args);
  if (r.exitCode !== 0) {
    if (NOT_MANAGER.test(r.stderr)) return undefined;
    throw new DockerError(args, r.exitCode, r.stderr);
  }
  return r.stdout.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => parseJson(schema, l, args));
}

async function names(docker: Docker, args: string[]): Promise<string[]> {
  return (await docker.jsonLines(args, S.NamedLine)).map((l) => l.Name);
}

async function inspectBatches<T>(docker: Docker, cmd: string[], ids: string[], schema: import('zod').ZodType<T[]>): Promise<T[]> {
  const batches: string[][] = [];
  for (let i = 0; i < ids.length; i += BATCH) batches.push(ids.slice(i, i + BATCH));
  const results = await mapLimit(batches, DOCKER_CONCURRENCY, async (batch) => {
    const r = await docker.exec([...cmd, ...batch]);
    // An object removed between list and inspect: inspect prints the rest and exits 1.
    if (r.exitCode !== 0 && !/No such/i.test(r.stderr)) throw new DockerError([...cmd, '…'], r.exitCode, r.stderr);
    return parseJson(schema, r.stdout.trim() || '[]', [...cmd, '…']);
  });
  return results.flat();
}

/** Just the images (2 calls). */
export async function readImages(docker: Docker): Promise<ImageInfo[]> {
  const ids = await docker.lines(['image', 'ls', '--no-trunc', '--format', '{{.ID}}']);
  return (await inspectBatches(docker, ['image', 'inspect'], [...new Set(ids)], S.ImageInspect)).map(toImage);
}

/** Just the containers, in any state (2 calls). */
export async function readContainers(docker: Docker): Promise<ContainerInfo[]> {
  const ids = await docker.lines(['container', 'ls', '--all', '--no-trunc', '--format', '{{.ID}}']);
  return (await inspectBatches(docker, ['container', 'inspect'], ids, S.ContainerInspect)).map(toContainer);
}

/**
 * The services again, as `snap` could see them: [] where swarm is off (none can exist),
 * undefined where this node cannot list them (the service gates then fail closed).
 */
export async function rereadServices(docker: Docker, snap: Pick<Snapshot, 'swarm'>): Promise<ServiceInfo[] | undefined> {
  if (snap.swarm.state === 'inactive' && !docker.swarmManager) return [];
  try {
    const lines = await swarmList(docker.swarm, ['service', 'ls', '--format', '{{json .}}'], S.ServiceLine);
    return lines ? await inspectServices(docker.swarm, lines) : undefined;
  } catch (e) {
    // a manager that stopped answering mid-run closes the service gates; the run stops there
    if (docker.swarmManager && e instanceof DockerError) return undefined;
    throw e;
  }
}

async function inspectServices(docker: Docker, lines: S.ServiceLine[]): Promise<ServiceInfo[]> {
  if (lines.length === 0) return [];
  return toServices(lines, await inspectBatches(docker, ['service', 'inspect'], lines.map((l) => l.ID), S.ServiceInspect));
}

/** Joins `service ls` lines (replica counts) with `service inspect` (specs, update state). */
export function toServices(lines: S.ServiceLine[], inspected: S.ServiceInspect): ServiceInfo[] {
  // `service ls` prints 12-character ids; inspect returns full ones.
  const byShortId = new Map(inspected.map((s) => [s.ID.slice(0, 12), s]));
  return lines.flatMap((line) => {
    const s = byShortId.get(line.ID.slice(0, 12));
    if (!s) return [];
    const m = /^(\d+)\/(\d+)/.exec(line.Replicas);
    return [{
      id: s.ID,
      name: line.Name,
      image: s.Spec.TaskTemplate?.ContainerSpec?.Image || line.Image,
      previousImage: s.PreviousSpec?.TaskTemplate?.ContainerSpec?.Image || undefined,
      mode: line.Mode,
      running: m ? Number(m[1]) : 0,
      desired: m ? Number(m[2]) : 0,
      updateState: s.UpdateStatus?.State || undefined,
      createdMs: ms(s.CreatedAt),
      updatedMs: ms(s.UpdatedAt),
    }];
  });
}

async function buildCache(docker: Docker): Promise<number | undefined> {
  const rows = await systemDf(docker, ['system', 'df', '--format', '{{json .}}'], S.SystemDfLine);
  const row = rows?.find((r) => r.Type === 'Build Cache');
  return row ? parseBytes(row.Size) : undefined;
}

const ZERO_TIME = /^0001-01-01/;

/** The containerd image store reports its snapshotter as the driver type; graph drivers do not. */
export function imageStoreOf(info: Pick<S.DockerInfo, 'DriverStatus'>): Snapshot['daemon']['imageStore'] {
  return (info.DriverStatus ?? []).some(([k, v]) => k === 'driver-type' && /^io\.containerd\.snapshotter\./.test(v ?? '')) ? 'containerd' : 'classic';
}

export function toImage(i: S.ImageInspect[number]): ImageInfo {
  const tags = i.RepoTags.filter((t) => t !== '<none>:<none>');
  const lastTag = i.Metadata?.LastTagTime;
  return {
    id: i.Id,
    tags,
    digests: i.RepoDigests,
    dangling: tags.length === 0,
    sizeBytes: i.Size,
    // unknown (no Created, or Go's zero time): NaN, so no "older than until" plan ever picks it
    createdMs: !i.Created || ZERO_TIME.test(i.Created) ? Number.NaN : ms(i.Created),
    lastTagMs: lastTag && !ZERO_TIME.test(lastTag) ? ms(lastTag) : undefined,
  };
}

export function toContainer(c: S.ContainerInspect[number]): ContainerInfo {
  return {
    id: c.Id,
    name: c.Name.replace(/^\//, ''),
    imageId: c.Image,
    imageRef: c.Config.Image,
    state: c.State.Status,
    createdMs: ms(c.Created),
    service: c.Config.Labels['com.docker.swarm.service.name'],
  };
}
