/**
 * The run's report, owned by one object. What an operator must find again (a warning, an
 * error, a removal, why the run stopped) is logged and recorded in one call, so the log, the
 * job summary and the JSON report say the same things, once each. Modes never write a report
 * field by hand; main publishes `report` whatever the outcome, crashes included.
 */
import type { GateResult, GateVerdict } from '../gates/gates.js';
import type { Config } from '../inputs/config.js';
import type { PlannedRemoval } from '../plan/prune-plan.js';
import type { Output } from '../runtime/output.js';
import type { HostView, Snapshot } from '../snapshot/types.js';
import { inventoryOf } from './inventory.js';
import { REPORT_VERSION, type JobReport, type RemovedObject, type RunReport, type WarmReport } from './types.js';

/** What a removal's bytes count as in `reclaimed`. */
export type ReclaimedKind = 'containers' | 'images' | 'buildCache' | 'evicted';

export class Recorder {
  readonly report: RunReport;

  constructor(private readonly out: Pick<Output, 'warn' | 'error'>, config: Pick<Config, 'mode' | 'dryRun'>, startedMs: number) {
    this.report = reportSkeleton(config, startedMs);
  }

  /** The host as the run first found it. */
  before(look: Snapshot | HostView): void {
    const r = this.report;
    r.daemon = {
      serverVersion: look.daemon.serverVersion,
      rootDir: look.daemon.rootDir,
      driver: look.daemon.driver,
      swarm: look.swarm.manager ? 'manager' : look.swarm.state === 'active' ? 'worker' : look.swarm.state,
      hostname: look.daemon.name,
      nodeId: look.swarm.nodeId,
      managerHost: look.swarm.managerHost,
    };
    r.disk.before = look.disk;
    r.disk.filesystems = look.disks;
    r.inventory.before = inventoryOf(look);
  }

  /** The build cache's size of the first look, measured once the gates opened. */
  buildCacheBefore(bytes: number | undefined): void {
    this.report.inventory.before.buildCacheBytes = bytes;
  }

  /** The host after the run's removals. */
  after(look: Snapshot): void {
    this.report.disk.after = look.disk;
    this.report.disk.filesystems = look.disks;
    this.report.inventory.after = inventoryOf(look);
  }

  gates(verdict: Pick<GateVerdict, 'gate' | 'gates'>): void {
    this.report.gate = verdict.gate;
    this.report.gates = verdict.gates;
  }

  /** A gate found closed after the first verdict (the run lock): the run goes no further. */
  closedLater(gate: GateResult): void {
    this.report.gate = gate.name;
    this.report.gates.push(gate);
  }

  /** A re-check closed `gate` part-way: warned, and the report says where it stopped. */
  stopped(message: string, gate: string): void {
    this.report.stopped = message;
    this.report.gate = gate;
    this.warn(message);
  }

  planned(plan: readonly PlannedRemoval[]): void {
    this.report.planned.push(...plan);
  }

  kept(images: RunReport['kept']): void {
    this.report.kept.push(...images);
  }

  /** One object removed (its bytes are counted by `reclaimed`: a prune's come as docker's total). */
  removed(object: RemovedObject): void {
    this.report.removed.push(object);
    this.report.pruned = true;
  }

  reclaimed(kind: ReclaimedKind, bytes: number): void {
    this.report.reclaimed[kind] += bytes;
    this.report.reclaimed.total += bytes;
    if (bytes > 0) this.report.pruned = true;
  }

  job(job: JobReport): void {
    this.report.job = job;
  }

  /** The warm run's outcome, as one value (each item already final). */
  warm(warm: WarmReport): void {
    this.report.warm = warm;
  }

  warn(message: string): void {
    this.report.warnings.push(message);
    this.out.warn(message);
  }

  /** An error: the run exits 1. */
  fail(message: string): void {
    this.report.errors.push(message);
    this.out.error(message);
  }

  get failed(): boolean {
    return this.report.errors.length > 0;
  }

  /** The report as published: requests made and the run's duration filled in. */
  finish(dockerCalls: number, nowMs: number): RunReport {
    this.report.dockerCalls = dockerCalls;
    this.report.durationMs = nowMs - Date.parse(this.report.startedAt);
    return this.report;
  }
}

/** A report with nothing known yet (the daemon never answered, or a run failed early). */
export function reportSkeleton(config: Pick<Config, 'mode' | 'dryRun'>, startedMs: number): RunReport {
  return {
    version: REPORT_VERSION,
    tool: 'ci-docker-prune',
    mode: config.mode,
    dryRun: config.dryRun,
    startedAt: new Date(startedMs).toISOString(),
    durationMs: 0,
    daemon: { serverVersion: 'unknown', rootDir: 'unknown', driver: 'unknown', swarm: 'unknown', hostname: 'unknown', nodeId: undefined, managerHost: undefined },
    disk: { before: undefined, after: undefined, filesystems: [] },
    inventory: { before: { images: 0, danglingImages: 0, imageBytes: 0, containers: 0, runningContainers: 0, services: undefined, volumes: 0, networks: 0, buildCacheBytes: undefined }, after: undefined },
    gate: 'not-evaluated',
    gates: [],
    planned: [],
    removed: [],
    kept: [],
    reclaimed: { containers: 0, images: 0, buildCache: 0, evicted: 0, total: 0 },
    pruned: false,
    stopped: undefined,
    warnings: [],
    errors: [],
    dockerCalls: 0,
    job: undefined,
  };
}
