/**
 * The only place that builds commands which remove anything. The builders take typed values,
 * not flags, so there is no way to ask for "all images", for volumes, or for a forced removal:
 * - `<kind> prune --force --filter until=<duration>` for containers, dangling images, build cache;
 * - `image rm <image id>` (one image, all its tags, refused by Docker while any container uses it).
 * `assertAllowed` re-checks every argument list against these exact shapes before it runs.
 */
import { toGoDuration } from '../inputs/units.js';

export const PRUNE_KINDS = ['container', 'image', 'builder'] as const;
export type PruneKind = (typeof PRUNE_KINDS)[number];

declare const destructive: unique symbol;
/** An argument list that removes something; only this module can make one. */
export interface DestructiveCommand {
  readonly args: readonly string[];
  readonly [destructive]: true;
}

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
  return make(['image', 'rm', imageId]);
}

const UNTIL = /^until=\d+[hms]$/;
const IMAGE_ID = /^sha256:[0-9a-f]{64}$/;

/** Throws unless `args` is exactly one of the shapes above. */
export function assertAllowed(args: readonly string[]): void {
  const [kind, verb, ...rest] = args;
  const isPrune = (PRUNE_KINDS as readonly string[]).includes(kind ?? '') && verb === 'prune'
    && rest.length === 3 && rest[0] === '--force' && rest[1] === '--filter' && UNTIL.test(rest[2] ?? '');
  const isImageRm = kind === 'image' && verb === 'rm' && rest.length === 1 && IMAGE_ID.test(rest[0] ?? '');
  if (!isPrune && !isImageRm) throw new Error(`refusing to run a destructive command outside the allowlist: docker ${args.join(' ')}`);
}
