/** The run report: one JSON document (schema version 1) every writer renders from. */
import type { GateResult } from '../gates/gates.js';
import type { PlannedRemoval } from '../plan/prune-plan.js';
import type { Disk } from '../model/host.js';

export const REPORT_VERSION = 1;

export interface Inventory {
  images: number;
  /** Undefined when the images were counted, not listed (a run whose gates stayed closed). */
  danglingImages: number | undefined;
  imageBytes: number | undefined;
  containers: number;
  runningContainers: number;
  services: number | undefined;
  volumes: number;
  networks: number;
  buildCacheBytes: number | undefined;
}

export interface RemovedObject {
  kind: PlannedRemoval['kind'];
  id: string;
  label: string;
  bytes: number;
  /** Why it went (the rule that selected it). */
  reason?: string;
  /** An evicted image's soft protection that yielded to the disk bound (min-age, keep-warm). */
  yielded?: 'min-age' | 'keep-warm';
}

/** One image a job needs, as the pre step found it (and pulled it, when asked). */
export interface NeededImage {
  ref: string;
  warm: boolean;
  /** Local image id when warm (after pulling, when pulled). */
  id: string | undefined;
  digest: string | undefined;
  /** Compressed bytes a cold image has to download, when the registry tells. */
  downloadBytes: number | undefined;
  /**
   * Warm images with `check-upstream`: `current` (the registry serves the digest the local copy
   * was pulled as), `moved` (the tag moved: its pull downloads), `unknown` (not comparable).
   */
  upstream?: 'current' | 'moved' | 'unknown';
  pull: { ms: number; layersDownloaded: number; layersReused: number; upToDate: boolean } | undefined;
}

/** What became of a reference of the warm set, one list for the report, the summary and the metrics. */
export const WARM_STATES = ['pulled', 'current', 'up-to-date', 'over-budget', 'gone', 'denied', 'unreachable', 'failed', 'not-reached'] as const;

/** One reference of the nightly warm set, and what became of it. */
export interface WarmItem {
  ref: string;
  /** Why it is in the set (`asked for by 4 job(s), last 3h ago`, `named by the operator (warm-images, compose-files)`). */
  why: string;
  /**
   * `current`: local and the registry serves the same digest (no pull); `pulled`: downloaded (it
   * was missing, or its tag had moved); `up-to-date`: pulled, the registry had nothing new;
   * `over-budget`: left out, the room under the target could not hold it; `gone`: the tag no
   * longer exists upstream (left as it is locally: the next job's pull fails as it must);
   * `denied`: the registry refused the credentials (or has no such repository it would show);
   * `unreachable`: the registry did not answer; `failed`: its pull failed; `not-reached`: the run
   * stopped first (a job started, a stop signal, a dry run, the host lock held).
   */
  state: (typeof WARM_STATES)[number];
  /** Whether it was present locally before the run. */
  local: boolean;
  /** What its pull would take on disk (estimate) or took (measured), when known. */
  bytes?: number;
  ms?: number;
  detail?: string;
}

/** What the `warm` mode adds to the report. */
export interface WarmReport {
  /** Room under the target watermark, minus min-free, when the run started. */
  budgetBytes: number;
  items: WarmItem[];
  /** Bytes the disk grew by while warming (measured). */
  grewBytes: number;
  /** Why the run did not warm at all (a live job, a live stack, no room), when it did not. */
  skipped: string | undefined;
  /** References one job asked for once, left out of the warm set (warm-images names one to warm it). */
  oneOffs: string[];
}

/** What the pre/post steps add to the report. */
export interface JobReport {
  images: NeededImage[];
  cold: string[];
  registries: { registry: string; credentials: string }[];
  mirrors: string[];
  evicted: { id: string; tags: string[] }[];
  leaks: Record<string, string[]>;
}

export interface RunReport {
  version: typeof REPORT_VERSION;
  tool: 'ci-docker-prune';
  mode: string;
  dryRun: boolean;
  startedAt: string;
  durationMs: number;
  daemon: {
    serverVersion: string; rootDir: string; driver: string; swarm: string;
    /** The node this report is about: its hostname (as the daemon names it) and swarm node ID. */
    hostname: string; nodeId: string | undefined;
    /** Where services were read from, when not from this engine (`manager-host`). */
    managerHost: string | undefined;
  };
  /**
   * The fullest filesystem holding the image store, before and after; `filesystems`: every one
   * measured by the latest look (more than one where containerd's root is on another disk).
   */
  disk: { before: Disk | undefined; after: Disk | undefined; filesystems: Disk[] };
  inventory: { before: Inventory; after: Inventory | undefined };
  /** `open`, the first closed gate's name, or `not-evaluated` (check mode evaluates but never acts). */
  gate: string;
  gates: GateResult[];
  /** What the plan said would go (dry run: what would have gone). */
  planned: PlannedRemoval[];
  removed: RemovedObject[];
  /** Tagged images the LRU eviction kept, and why (only when an eviction was planned). */
  kept: { id: string; label: string; bytes: number; reason: string }[];
  reclaimed: { containers: number; images: number; buildCache: number; evicted: number; total: number };
  pruned: boolean;
  /** Set when a re-check stopped the run before a prune command. */
  stopped: string | undefined;
  warnings: string[];
  errors: string[];
  dockerCalls: number;
  /** pre/post modes only. */
  job: JobReport | undefined;
  /** warm mode only. */
  warm?: WarmReport;
}
