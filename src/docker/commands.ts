/**
 * The allowlist: the only place that builds commands which remove anything, for the Engine
 * port's removals (writer.ts, cli-writer.ts). The builders take typed values,
 * not flags, so there is no way to ask for "all images", for volumes, or for a forced removal:
 * - `<kind> prune --force --filter until=<duration>` for containers, dangling images, build cache;
 * - `image rm <image id>` (one image, all its tags, refused by Docker while any container uses it);
 * - `image rm <name:tag | name@sha256:digest>` (one reference; the image goes with its last one,
 *   and Docker refuses that while a container uses it). Never forced.
 * `assertAllowed` re-checks every argument list against these exact shapes before it runs.
 */
import { toGoDuration } from '../inputs/units.js';

import { PRUNE_KINDS, type PruneKind } from './writer.js';

export { PRUNE_KINDS, type PruneKind };

declare const destructive: unique symbol;
/** An argument list that removes something; only this module can make one. */
export interface DestructiveCommand {
  readonly args: readonly string[];
  readonly [destructive]: true;
}

const UNTIL = /^until=\d+[hms]$/;
const IMAGE_ID = /^sha256:[0-9a-f]{64}$/;
// name[:tag] with an explicit tag, or name@sha256:digest; lowercase name, alphanumeric first
const IMAGE_REF = /^[a-z0-9][a-z0-9._\/:-]*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}|@sha256:[0-9a-f]{64})$/;

const make = (args: string[]): DestructiveCommand => {
  assertAllowed(args);
  return { args: Object.freeze(args) } as unknown as DestructiveCommand;
};

/** `docker <kind> prune` of objects older than `untilMs` (dangling-only for images). */
export function pruneCommand(kind: PruneKind, untilMs: number): DestructiveCommand {
  return make([kind, 'prune', '--force', '--filter', `until=${toGoDuration(untilMs)}`]);
}

/** `docker image rm <id>`: removes one unused image; never forced. */
export function removeImageCommand(imageId: string): DestructiveCommand {
  if (!IMAGE_ID.test(imageId)) throw new Error(`refusing to run a destructive command outside the allowlist: not an image id: ${imageId}`);
  return make(['image', 'rm', imageId]);
}

/**
 * `docker image rm <reference>`: removes one tag or digest reference of an image referenced in
 * several repositories (which Docker will not remove by id without force); never forced.
 */
export function removeImageRefCommand(reference: string): DestructiveCommand {
  if (!IMAGE_REF.test(reference)) throw new Error(`refusing to run a destructive command outside the allowlist: not a tag or digest reference: ${reference}`);
  return make(['image', 'rm', reference]);
}

/** Throws unless `args` is exactly one of the shapes above. */
export function assertAllowed(args: readonly string[]): void {
  const [kind, verb, ...rest] = args;
  const isPrune = (PRUNE_KINDS as readonly string[]).includes(kind ?? '') && verb === 'prune'
    && rest.length === 3 && rest[0] === '--force' && rest[1] === '--filter' && UNTIL.test(rest[2] ?? '');
  const isImageRm = kind === 'image' && verb === 'rm' && rest.length === 1 && (IMAGE_ID.test(rest[0] ?? '') || IMAGE_REF.test(rest[0] ?? ''));
  if (!isPrune && !isImageRm) throw new Error(`refusing to run a destructive command outside the allowlist: docker ${args.join(' ')}`);
}
