/**
 * zod schemas for the Engine API's list answers (the API twin of the CLI's lists and inspects).
 * Only the fields we use; unknown fields are dropped. `/info` has the CLI's shape (schemas.ts).
 * Checked against Docker 20.10 (API 1.41), 26.1 (1.45, both image stores) and 28.5 (1.51).
 */
import * as z from 'zod/mini';
import { labels, ServiceObject, ServiceSpec, str, strList } from './schemas.js';

export { DockerInfo } from './schemas.js';

/** `GET /images/json`: one entry per image (the CLI prints one line per tag). `Created` in seconds. */
export const ImageList = z.array(z.object({
  Id: z.string(),
  RepoTags: strList,
  RepoDigests: strList,
  Created: z.number(),
  Size: z.number(),
  /** A real count from API 1.51; -1 (not calculated) before. */
  Containers: z.optional(z.number()),
}));

/** `GET /images/{ref}/json`: just the id a reference names now. */
export const ImageId = z.object({ Id: z.string() });

/** `GET /images/{id}/json`: only the time the daemon last tagged it. */
export const ImageTagTime = z.object({ Metadata: z.nullish(z.object({ LastTagTime: str })) });

/** `GET /containers/json?all=1`. `Created` in seconds. */
export const ContainerList = z.array(z.object({
  Id: z.string(),
  Names: strList,
  Image: str,
  ImageID: str,
  State: z.string(),
  Created: z.number(),
  Labels: labels,
}));

/** `GET /services?status=true` (API 1.41+): what `service inspect` says, plus task counts, in one request. */
export const ServiceList = z.array(z.extend(ServiceObject, {
  Spec: z.extend(ServiceSpec, { Mode: z.nullish(z.record(z.string(), z.unknown())) }),
  ServiceStatus: z.nullish(z.object({ RunningTasks: z.number(), DesiredTasks: z.number() })),
}));

/** `GET /secrets`, `GET /configs`. */
export const SpecNamedList = z.array(z.object({ Spec: z.object({ Name: z.string() }) }));

/** `GET /volumes` (`Volumes` is null on an engine without any). */
export const VolumeList = z.object({ Volumes: z.nullish(z.array(z.object({ Name: z.string() }))) });

const DfImage = z.object({ Id: z.string(), Size: z.number(), SharedSize: z.nullish(z.number()) });
const DfCacheRecord = z.object({ Size: z.number(), Shared: z.nullish(z.boolean()) });
/** API 1.52+: a type's usage object; every field is left out when zero (`Items` may go too). */
const usage = <T extends z.ZodMiniType>(item: T) => z.nullish(z.object({ Items: z.nullish(z.array(item)), TotalSize: z.nullish(z.number()) }));

/**
 * `GET /system/df` (`?type=image|build-cache` from API 1.42): the parts this tool reads. Up to
 * 1.51 the legacy lists (`Images`, `BuildCache`); from 1.52 also the usage objects
 * (`ImageUsage`, `BuildCacheUsage`; the changelog spells them `ImagesUsage`…, the daemon's code
 * and swagger `ImageUsage`…), which are read first: the changelog says the legacy lists go from
 * 1.53 (moby api/docs/CHANGELOG.md, api/docs/v1.52.yaml).
 */
export const DiskUsage = z.object({
  Images: z.nullish(z.array(DfImage)),
  BuildCache: z.nullish(z.array(DfCacheRecord)),
  ImageUsage: usage(DfImage),
  ImagesUsage: usage(DfImage),
  BuildCacheUsage: usage(DfCacheRecord),
});

/** `GET /nodes/{id}`: just whether the manager knows the node. */
export const NodeId = z.object({ ID: z.string() });

/** `GET /networks`. */
export const NetworkList = z.array(z.object({ Name: z.string() }));
