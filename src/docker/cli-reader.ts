/**
 * The Engine port's reads through the docker CLI: for daemons only the CLI can reach (`ssh://`,
 * TLS, CLI contexts) and for a manager given with `manager-host`. A constant number of
 * processes whatever the number of objects: each list, then its inspects in batches.
 */
import * as z from 'zod/mini';
import { parseJson, type DockerCli } from './cli.js';
import { DaemonUnreachable, DockerError, lastLine } from './errors.js';
import { systemDf } from './system-df.js';
import { parseBytes } from '../inputs/units.js';
import * as S from './schemas.js';
import { DOCKER_CONCURRENCY, mapLimit } from '../runtime/pool.js';
import type { ContainerInfo, ImageInfo, ServiceInfo } from '../model/host.js';
import { NOT_MANAGER, realReferences, ZERO_TIME, type EngineReader, type SwarmLists } from './reader.js';

/** Ids per inspect call: keeps argv far below the kernel's limits on hosts with many objects. */
const BATCH = 1000;

const ms = (iso: string): number => Date.parse(iso);

const DfImages = z.array(z.object({ ID: z.string(), UniqueSize: z.string() }));

export class CliReader implements EngineReader {
  constructor(private readonly docker: DockerCli) {}

  get target(): string { return this.docker.target; }

  async info(): Promise<S.DockerInfo> {
    return parseInfo(await this.docker.exec(['info', '--format', '{{json .}}']), this.docker.target);
  }

  async images(): Promise<ImageInfo[]> {
    const ids = await this.docker.lines(['image', 'ls', '--no-trunc', '--format', '{{.ID}}']);
    return (await inspectBatches(this.docker, ['image', 'inspect'], [...new Set(ids)], S.ImageInspect)).map(toImage);
  }

  async imageExists(id: string): Promise<boolean> {
    return (await this.imageIdOf(id)) !== undefined;
  }

  async imageIdOf(ref: string): Promise<string | undefined> {
    const r = await this.docker.exec(['image', 'inspect', '--format', '{{.Id}}', '--', ref]);
    if (r.exitCode === 0) return r.stdout.trim() || undefined;
    if (/No such image/i.test(r.stderr)) return undefined;
    throw new DockerError(['image', 'inspect', ref], r.exitCode, r.stderr);
  }

  async lastTagTimes(ids: readonly string[]): Promise<Map<string, number>> {
    const images = (await inspectBatches(this.docker, ['image', 'inspect'], [...ids], S.ImageInspect)).map(toImage);
    return new Map(images.flatMap((i) => (i.lastTagMs === undefined ? [] : [[i.id, i.lastTagMs] as const])));
  }

  async containers(): Promise<ContainerInfo[]> {
    const ids = await this.docker.lines(['container', 'ls', '--all', '--no-trunc', '--format', '{{.ID}}']);
    return (await inspectBatches(this.docker, ['container', 'inspect'], ids, S.ContainerInspect)).map(toContainer);
  }

  async services(): Promise<ServiceInfo[] | undefined> {
    const lines = await swarmList(this.docker, ['service', 'ls', '--format', '{{json .}}'], S.ServiceLine);
    return lines && inspectServices(this.docker, lines);
  }

  async knowsNode(id: string): Promise<boolean> {
    const args = ['node', 'inspect', '--format', '{{.ID}}', id];
    const r = await this.docker.exec(args);
    if (r.exitCode === 0) return r.stdout.trim() === id;
    if (/No such node|not found/i.test(r.stderr)) return false;
    throw new DockerError(args, r.exitCode, lastLine(r.stderr));
  }

  /** Services, secrets and configs, asked at once. */
  async swarm(): Promise<SwarmLists> {
    const d = this.docker;
    const [serviceLines, secrets, configs] = await Promise.all([
      swarmList(d, ['service', 'ls', '--format', '{{json .}}'], S.ServiceLine),
      swarmList(d, ['secret', 'ls', '--format', '{{json .}}'], S.NamedLine).then((l) => l?.map((x) => x.Name)),
      swarmList(d, ['config', 'ls', '--format', '{{json .}}'], S.NamedLine).then((l) => l?.map((x) => x.Name)),
    ]);
    return { services: serviceLines && await inspectServices(d, serviceLines), secrets, configs };
  }

  volumes(): Promise<string[]> { return names(this.docker, ['volume', 'ls', '--format', '{{json .}}']); }

  async buildCacheBytes(): Promise<number | undefined> {
    const rows = await systemDf(this.docker, ['system', 'df', '--format', '{{json .}}'], S.SystemDfLine);
    const row = rows?.find((r) => r.Type === 'Build Cache');
    return row ? parseBytes(row.Size) : undefined;
  }

  async uniqueImageBytes(): Promise<Map<string, number>> {
    // docker prints 4 significant digits
    const images = (await systemDf(this.docker, ['system', 'df', '--verbose', '--format', '{{json .Images}}'], DfImages))?.[0] ?? [];
    const out = new Map<string, number>();
    for (const i of images) {
      const bytes = parseBytes(i.UniqueSize);
      if (bytes !== undefined) out.set(i.ID, bytes);
    }
    return out;
  }

  networks(): Promise<string[]> { return names(this.docker, ['network', 'ls', '--format', '{{json .}}']); }
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

/** A swarm-only list: undefined where this node cannot answer it (worker, or no swarm). */
async function swarmList<T>(docker: DockerCli, args: string[], schema: z.ZodMiniType<T>): Promise<T[] | undefined> {
  const r = await docker.exec(args);
  if (r.exitCode !== 0) {
    if (NOT_MANAGER.test(r.stderr)) return undefined;
    throw new DockerError(args, r.exitCode, r.stderr);
  }
  return r.stdout.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => parseJson(schema, l, args));
}

async function names(docker: DockerCli, args: string[]): Promise<string[]> {
  return (await docker.jsonLines(args, S.NamedLine)).map((l) => l.Name);
}

async function inspectBatches<T>(docker: DockerCli, cmd: string[], ids: string[], schema: z.ZodMiniType<T[]>): Promise<T[]> {
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

async function inspectServices(docker: DockerCli, lines: S.ServiceLine[]): Promise<ServiceInfo[]> {
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

export function toImage(i: S.ImageInspect[number]): ImageInfo {
  const tags = realReferences(i.RepoTags);
  const lastTag = i.Metadata?.LastTagTime;
  return {
    id: i.Id,
    tags,
    digests: realReferences(i.RepoDigests),
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
