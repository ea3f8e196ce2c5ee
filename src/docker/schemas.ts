/**
 * zod (its light `zod/mini` API: a sixth of the classic one's load, no code generated per schema)
 * schemas for the JSON the docker CLI prints. Only the fields we use; unknown fields are
 * dropped. Checked against Debian's docker.io 20.10 daemon (API 1.41) and 28.x clients.
 */
import * as z from 'zod/mini';

/** A string, list or label map the daemon may leave out or send as null: empty then. */
export const str = z.pipe(z.nullish(z.string()), z.transform((s) => s ?? ''));
export const strList = z.pipe(z.nullish(z.array(z.string())), z.transform((a) => a ?? []));
export const labels = z.pipe(z.nullish(z.record(z.string(), z.string())), z.transform((l) => l ?? {}));

/** `docker info --format '{{json .}}'` (newer clients nest nothing we need). */
export const DockerInfo = z.object({
  ID: str,
  ServerVersion: z.string().check(z.minLength(1)),
  DockerRootDir: z.string().check(z.minLength(1)),
  Driver: str,
  /** How many images the daemon holds, by its own count. */
  Images: z.nullish(z.number()),
  /** [key, value] pairs; the containerd image store says `driver-type: io.containerd.snapshotter.v1`. */
  DriverStatus: z.nullish(z.array(z.array(z.string()))),
  Name: str,
  OperatingSystem: str,
  IndexServerAddress: str,
  RegistryConfig: z.nullish(z.object({
    Mirrors: strList,
    IndexConfigs: z.nullish(z.record(z.string(), z.object({ Secure: z.nullish(z.boolean()) }))),
  })),
  Architecture: str,
  /** API 1.46+: the containerd the daemon uses (its own, or the system's: where its images live on the containerd store). */
  Containerd: z.nullish(z.object({ Address: str })),
  Swarm: z.nullish(z.object({
    LocalNodeState: str,
    ControlAvailable: z.nullish(z.boolean()),
    NodeID: str,
  })),
});
export type DockerInfo = z.infer<typeof DockerInfo>;

/** `docker image inspect <ids…>`. */
export const ImageInspect = z.array(z.object({
  Id: z.string(),
  RepoTags: strList,
  RepoDigests: strList,
  // the containerd image store omits it when the image config has none (legal)
  Created: str,
  Size: z.number(),
  Metadata: z.nullish(z.object({ LastTagTime: str })),
}));

/** `docker container inspect <ids…>`. */
export const ContainerInspect = z.array(z.object({
  Id: z.string(),
  Name: str,
  Image: z.string(),
  Created: z.string(),
  State: z.object({ Status: z.string() }),
  Config: z.object({ Image: str, Labels: labels }),
}));

/** `docker service ls --format '{{json .}}'`. */
export const ServiceLine = z.object({ ID: z.string(), Name: z.string(), Replicas: z.string(), Image: str, Mode: str });

/** `docker service inspect <ids…>`. */
export const ServiceSpec = z.object({
  Name: str,
  TaskTemplate: z.nullish(z.object({ ContainerSpec: z.nullish(z.object({ Image: str })) })),
  Labels: labels,
});
/** One service as the daemon describes it (the Engine API's `/services` lists the same objects). */
export const ServiceObject = z.object({
  ID: z.string(),
  CreatedAt: z.string(),
  UpdatedAt: z.string(),
  Spec: ServiceSpec,
  PreviousSpec: z.nullish(ServiceSpec),
  UpdateStatus: z.nullish(z.object({ State: str })),
});
export const ServiceInspect = z.array(ServiceObject);

/** `docker volume|network|secret|config ls --format '{{json .}}'`: we keep names (and labels). */
export const NamedLine = z.object({ Name: z.string(), Labels: str });

/** `docker system df --format '{{json .}}'`: one line per type, human sizes. */
export const SystemDfLine = z.object({ Type: z.string(), Size: z.string(), Reclaimable: z.string(), TotalCount: z.string() });

export type ServiceLine = z.infer<typeof ServiceLine>;
export type ImageInspect = z.infer<typeof ImageInspect>;
export type ContainerInspect = z.infer<typeof ContainerInspect>;
export type ServiceInspect = z.infer<typeof ServiceInspect>;
