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
}));

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

/** `GET /system/df` (`?type=image|build-cache` from API 1.42): the parts this tool reads. */
export const DiskUsage = z.object({
  Images: z.nullish(z.array(z.object({ Id: z.string(), Size: z.number(), SharedSize: z.number() }))),
  BuildCache: z.nullish(z.array(z.object({ Size: z.number(), Shared: z.nullish(z.boolean()) }))),
});

/** `GET /nodes/{id}`: just whether the manager knows the node. */
export const NodeId = z.object({ ID: z.string() });

/** `GET /networks`. */
export const NetworkList = z.array(z.object({ Name: z.string() }));
