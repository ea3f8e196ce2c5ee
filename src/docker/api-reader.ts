/**
 * The Engine port's reads through the Engine API (api.ts): one request per list, all in one
 * parallel wave, whatever the number of objects. The lists carry what the CLI needed an inspect
 * for, except an image's last-tag time; that is asked (one request per image) only where a
 * plan depends on it (snapshot.ts withPruneAges).
 */
import type * as z from 'zod/mini';
import type * as A from './api-schemas.js';
import { versionAtLeast, type EngineApi } from './api.js';
import { ApiError, DaemonUnreachable } from './errors.js';
import { DF_BUSY } from './system-df.js';
import type * as S from './schemas.js';
import { DOCKER_CONCURRENCY, mapLimit } from '../runtime/pool.js';
import type { ContainerInfo, ImageInfo, ServiceInfo } from '../model/host.js';
import { NOT_MANAGER, realReferences, ZERO_TIME, type EngineReader, type SwarmLists } from './reader.js';

type Schemas = typeof A;
let schemas: Promise<Schemas> | undefined;

/**
 * The schema that checks an answer, loaded (with zod) on first use: the first wave's requests
 * are sent before it loads and answered while it does, so a job step's start-up never waits
 * for zod before the daemon has been asked anything.
 */
function schema<K extends keyof Schemas>(name: K): () => Promise<Schemas[K]> {
  return async () => (await (schemas ??= import(/* webpackMode: "eager" */ './api-schemas.js')))[name];
}

export class ApiReader implements EngineReader {
  /** The last full disk-usage walk (API 1.41 cannot narrow it): it answers both walks until a removal. */
  private fullWalk: Promise<z.infer<typeof A.DiskUsage> | undefined> | undefined;

  constructor(private readonly api: EngineApi) {}

  /** Called by the writer after every removal: the walk kept from before it is stale. */
  forgetDiskUsage(): void { this.fullWalk = undefined; }

  get target(): string { return this.api.target; }

  info(): Promise<S.DockerInfo> {
    return this.api.get('/info', schema('DockerInfo')).catch((e: unknown) => {
      if (e instanceof ApiError && e.status === 0) throw new DaemonUnreachable(e.message);
      if (e instanceof ApiError && e.path === '/_ping' && e.status !== 200) throw new DaemonUnreachable(`cannot reach the Docker daemon at ${this.target}: ${e.message}`);
      throw e;
    });
  }

  async images(): Promise<ImageInfo[]> {
    return (await this.api.get('/images/json', schema('ImageList'))).map(fromImageList);
  }

  async imageExists(id: string): Promise<boolean> {
    return (await this.imageIdOf(id)) !== undefined;
  }

  async imageIdOf(ref: string): Promise<string | undefined> {
    return (await this.api.get(`/images/${encodeURIComponent(ref)}/json`, schema('ImageId')).catch(gone))?.Id;
  }

  async lastTagTimes(ids: readonly string[]): Promise<Map<string, number>> {
    const times = new Map<string, number>();
    await mapLimit(ids, DOCKER_CONCURRENCY, async (id) => {
      const t = (await this.api.get(`/images/${encodeURIComponent(id)}/json`, schema('ImageTagTime')).catch(gone))?.Metadata?.LastTagTime;
      if (t && !ZERO_TIME.test(t)) times.set(id, Date.parse(t));
    });
    return times;
  }

  async containers(): Promise<ContainerInfo[]> {
    return (await this.api.get('/containers/json?all=1', schema('ContainerList'))).map(fromContainerList);
  }

  async services(): Promise<ServiceInfo[] | undefined> {
    return (await managerOnly(this.api.get('/services?status=true', schema('ServiceList'))))?.map(fromServiceList);
  }

  async knowsNode(id: string): Promise<boolean> {
    const node = await this.api.get(`/nodes/${encodeURIComponent(id)}`, schema('NodeId')).catch(gone);
    return node?.ID === id;
  }

  async swarm(): Promise<SwarmLists> {
    const [services, secrets, configs] = await Promise.all([
      this.services(),
      managerOnly(this.api.get('/secrets', schema('SpecNamedList'))).then((l) => l?.map((x) => x.Spec.Name)),
      managerOnly(this.api.get('/configs', schema('SpecNamedList'))).then((l) => l?.map((x) => x.Spec.Name)),
    ]);
    return { services, secrets, configs };
  }

  async volumes(): Promise<string[]> {
    return ((await this.api.get('/volumes', schema('VolumeList'))).Volumes ?? []).map((v) => v.Name);
  }

  async networks(): Promise<string[]> {
    return (await this.api.get('/networks', schema('NetworkList'))).map((n) => n.Name);
  }

  async buildCacheBytes(): Promise<number | undefined> {
    const df = await this.diskUsage('build-cache');
    // the usage object first (API 1.52+), the legacy list up to 1.51
    const records = df?.BuildCacheUsage?.Items ?? df?.BuildCache;
    // as `docker system df` counts it: records shared with another are not this cache's alone
    if (records) return records.filter((r) => !r.Shared).reduce((n, r) => n + r.Size, 0);
    // a usage object without its items (a later API's brief answer): its total, shared records included
    return df?.BuildCacheUsage ? df.BuildCacheUsage.TotalSize ?? 0 : undefined;
  }

  async uniqueImageBytes(): Promise<Map<string, number>> {
    const df = await this.diskUsage('image');
    const images = df?.ImageUsage?.Items ?? df?.ImagesUsage?.Items ?? df?.Images ?? [];
    // SharedSize -1 (or none): not calculated; such an image's unique bytes stay unknown
    return new Map(images.filter((i) => (i.SharedSize ?? -1) >= 0).map((i) => [i.Id, i.Size - i.SharedSize!]));
  }

  /**
   * One disk-usage walk, narrowed to `type` where the API allows it (1.42+). Where it does not
   * (Docker 20.10), the full walk counts every file of every volume, so one walk answers both
   * the build cache and the images until something is removed (a dry run walks once).
   */
  private async diskUsage(type: 'image' | 'build-cache'): Promise<z.infer<typeof A.DiskUsage> | undefined> {
    if (versionAtLeast(await this.api.negotiate(), '1.42')) return this.walk(`/system/df?type=${type}`);
    return (this.fullWalk ??= this.walk('/system/df'));
  }

  /** `path`, retried while the daemon runs another walk; undefined while it stays busy. */
  private async walk(path: string): Promise<z.infer<typeof A.DiskUsage> | undefined> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.api.get(path, schema('DiskUsage'));
      } catch (e) {
        if (!(e instanceof ApiError && DF_BUSY.test(e.message))) throw e;
        if (attempt === 4) return undefined;
        await new Promise((done) => setTimeout(done, 250 * 2 ** attempt));
      }
    }
  }
}

/** A swarm-only list: undefined where this node cannot answer it (worker, or no swarm). */
function managerOnly<T>(p: Promise<T>): Promise<T | undefined> {
  return p.catch((e: unknown) => {
    if (e instanceof ApiError && e.status === 503 && NOT_MANAGER.test(e.message)) return undefined;
    throw e;
  });
}

/** An image removed between the list and its inspect is simply not there any more. */
function gone(e: unknown): undefined {
  if (e instanceof ApiError && e.status === 404) return undefined;
  throw e;
}

export function fromImageList(i: z.infer<typeof A.ImageList>[number]): ImageInfo {
  const tags = realReferences(i.RepoTags);
  return {
    id: i.Id,
    tags,
    digests: realReferences(i.RepoDigests),
    dangling: tags.length === 0,
    sizeBytes: i.Size,
    // 0 = unknown (no `created` in the image config): NaN, so no "older than until" plan picks it
    createdMs: i.Created > 0 ? i.Created * 1000 : Number.NaN,
    lastTagMs: undefined,
    ...(i.Containers !== undefined && i.Containers >= 0 ? { containers: i.Containers } : {}),
  };
}

export function fromContainerList(c: z.infer<typeof A.ContainerList>[number]): ContainerInfo {
  return {
    id: c.Id,
    name: (c.Names[0] ?? '').replace(/^\//, ''),
    imageId: c.ImageID,
    imageRef: c.Image,
    state: c.State,
    createdMs: c.Created * 1000,
    service: c.Labels['com.docker.swarm.service.name'],
  };
}

export function fromServiceList(s: z.infer<typeof A.ServiceList>[number]): ServiceInfo {
  const mode = Object.keys(s.Spec.Mode ?? {})[0] ?? '';
  return {
    id: s.ID,
    name: s.Spec.Name,
    image: s.Spec.TaskTemplate?.ContainerSpec?.Image ?? '',
    previousImage: s.PreviousSpec?.TaskTemplate?.ContainerSpec?.Image || undefined,
    // the CLI's words: replicated, global, replicated job, global job
    mode: mode.replace(/Job$/, ' job').toLowerCase(),
    running: s.ServiceStatus?.RunningTasks ?? 0,
    desired: s.ServiceStatus?.DesiredTasks ?? 0,
    updateState: s.UpdateStatus?.State || undefined,
    createdMs: Date.parse(s.CreatedAt),
    updatedMs: Date.parse(s.UpdatedAt),
  };
}
