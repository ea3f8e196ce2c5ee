/**
 * The write side of the Engine port: the only removals this tool can ask of an engine, with
 * typed arguments. There is no method for all images, for volumes, or for a forced removal, so
 * none can be asked; the adapter (cli-writer.ts) re-checks every request against the allowlist
 * (commands.ts) before it runs. Pulls are not here: they are no removal (cli.ts).
 */

export const PRUNE_KINDS = ['container', 'image', 'builder'] as const;
/** Stopped containers, dangling images, build cache: the operators' three prunes. */
export type PruneKind = (typeof PRUNE_KINDS)[number];

/** What a prune removed, as the engine reports it. */
export interface PruneOutcome {
  /** Ids of deleted objects (containers, image ids, build cache record ids). */
  deleted: string[];
  reclaimedBytes: number;
  /** The engine's own words when the prune failed. */
  error: string | undefined;
}

/** Why the engine refused a removal (undefined: removed). `noSuchImage`: it names nothing (any more). */
export type Refusal = { message: string; noSuchImage: boolean } | undefined;

export interface EngineWriter {
  /** `<kind> prune` of what is older than `untilMs` (images: dangling only). */
  prune(kind: PruneKind, untilMs: number): Promise<PruneOutcome>;
  /** Removes one image by its full id, never forced: the engine refuses one a container uses. */
  removeImage(id: string): Promise<Refusal>;
  /** Removes one reference (`name:tag`, `name@sha256:…`), never forced; the image goes with its last. */
  removeImageRef(reference: string): Promise<Refusal>;
}
