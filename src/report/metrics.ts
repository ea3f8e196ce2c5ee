/**
 * Prometheus textfile-collector metrics (`metrics-file`), for node_exporter's
 * `--collector.textfile.directory`. Rendered from the RunReport; written atomically so the
 * collector never reads half a file.
 *
 * The file describes the host after the latest run, whichever mode ran it: no series carries
 * a `mode` label, so the job steps and the nightly timer may share one file without series
 * flapping between modes (the mode is in the JSON report). `last_success_timestamp_seconds`
 * is carried over from the file's previous content when a run fails, so "no successful run
 * for two days" can be alerted on (docs/alerts.yml).
 */
import { WARM_STATES, type RunReport } from './types.js';
import { readRegularFile } from '../runtime/safe-read.js';
import { writeAtomic } from '../runtime/atomic-file.js';

type Sample = [labels: Record<string, string>, value: number];

const escape = (v: string): string => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
const ratio = (p: number | undefined): number => (p === undefined ? NaN : Math.round(p * 10) / 1000);

const GATES = ['swarm-role', 'disk', 'stacks', 'converging', 'lock'] as const;

/** A run without errors is a success (a closed gate is one: nothing needed doing). */
export const succeeded = (r: RunReport): boolean => r.errors.length === 0;

export function renderMetrics(r: RunReport, nowMs: number, lastSuccessSeconds?: number): string {
  const lines: string[] = [];
  const metric = (name: string, type: 'gauge' | 'counter', help: string, samples: Sample[]): void => {
    lines.push(`# HELP ci_docker_prune_${name} ${help}`, `# TYPE ci_docker_prune_${name} ${type}`);
    for (const [labels, value] of samples) {
      const text = Object.entries(labels).map(([k, v]) => `${k}="${escape(v)}"`).join(',');
      lines.push(`ci_docker_prune_${name}${text ? `{${text}}` : ''} ${Number.isFinite(value) ? value : 'NaN'}`);
    }
  };
  const count = (kind: string): number => r.removed.filter((x) => x.kind === kind).length;
  const after = r.disk.after ?? r.disk.before;
  metric('disk_used_ratio', 'gauge', 'Used fraction of the fullest filesystem holding the image store (bytes or inodes, the higher).', [
    [{ when: 'before' }, ratio(r.disk.before?.usedPercent)], [{ when: 'after' }, ratio(after?.usedPercent)]]);
  metric('filesystem_used_ratio', 'gauge', 'Used fraction of each filesystem holding the image store, as the latest look measured it.', r.disk.filesystems
    .map((d) => [{ path: d.path, holds: d.holds ?? 'DockerRootDir' }, ratio(d.usedPercent)]));
  metric('disk_free_bytes', 'gauge', 'Bytes free on the Docker filesystem after the run.', [[{}, after?.availBytes ?? NaN]]);
  metric('reclaimed_bytes', 'gauge', 'Bytes reclaimed by this run, by kind.', [
    [{ kind: 'containers' }, r.reclaimed.containers], [{ kind: 'images' }, r.reclaimed.images],
    [{ kind: 'build_cache' }, r.reclaimed.buildCache], [{ kind: 'evicted' }, r.reclaimed.evicted]]);
  metric('removed_objects', 'gauge', 'Objects removed by this run, by kind.', [
    [{ kind: 'containers' }, count('container')], [{ kind: 'images' }, count('image')], [{ kind: 'evicted' }, count('evict')]]);
  metric('gate_open', 'gauge', 'Whether each gate was open (1) or closed (0); absent gates are not evaluated.', r.gates
    .filter((g) => (GATES as readonly string[]).includes(g.name)).map((g) => [{ gate: g.name }, g.open ? 1 : 0]));
  metric('cold_images', 'gauge', 'Images the job needs that were not present locally (pre).', [[{}, r.job?.cold.length ?? 0]]);
  metric('evicted_during_job', 'gauge', 'Images present before the job and gone after it (post).', [[{}, r.job?.evicted.length ?? 0]]);
  if (r.warm) {
    metric('warm_images', 'gauge', 'References of the warm set by outcome (warm mode).', WARM_STATES.map((s) => [{ state: s }, r.warm!.items.filter((i) => i.state === s).length]));
    metric('warm_moved_upstream', 'gauge', 'Tags that had moved upstream, pulled anew (warm mode).', [[{}, r.warm.items.filter((i) => i.state === 'pulled' && i.local).length]]);
    metric('warm_grew_bytes', 'gauge', 'Bytes the disk grew by while warming (warm mode).', [[{}, r.warm.grewBytes]]);
    metric('warm_budget_bytes', 'gauge', 'Room under the target minus min-free when warming started (warm mode).', [[{}, r.warm.budgetBytes]]);
    metric('warm_one_offs', 'gauge', 'References one job asked for once, left out of the warm set (warm mode).', [[{}, r.warm.oneOffs.length]]);
    metric('warm_skipped', 'gauge', 'Whether the warm run did not warm at all (1): a live job or stack, no room, nothing to warm (warm mode).', [[{}, r.warm.skipped ? 1 : 0]]);
  }
  metric('images', 'gauge', 'Images on the host after the run.', [[{}, (r.inventory.after ?? r.inventory.before).images]]);
  metric('dry_run', 'gauge', '1 when the run was a dry run.', [[{}, r.dryRun ? 1 : 0]]);
  metric('warnings', 'gauge', 'Warnings the run reported.', [[{}, r.warnings.length]]);
  metric('errors', 'gauge', 'Errors the run reported.', [[{}, r.errors.length]]);
  metric('duration_seconds', 'gauge', 'Wall time of the run.', [[{}, r.durationMs / 1000]]);
  metric('node_info', 'gauge', 'The node this file is about: hostname and swarm node ID (1).', [[{ hostname: r.daemon.hostname, node_id: r.daemon.nodeId ?? '' }, 1]]);
  metric('last_run_timestamp_seconds', 'gauge', 'When the latest run finished (Unix time).', [[{}, Math.floor(nowMs / 1000)]]);
  const success = succeeded(r) ? Math.floor(nowMs / 1000) : lastSuccessSeconds;
  if (success !== undefined) metric('last_success_timestamp_seconds', 'gauge', 'When the latest run without errors finished (Unix time).', [[{}, success]]);
  return `${lines.join('\n')}\n`;
}

/** The last success time in a metrics file written before, if any. */
export function previousSuccess(text: string): number | undefined {
  const m = /^ci_docker_prune_last_success_timestamp_seconds(?:\{[^}]*\})? (\d+)$/m.exec(text);
  return m ? Number(m[1]) : undefined;
}

export async function writeMetrics(path: string, report: RunReport, nowMs: number): Promise<void> {
  const previous = succeeded(report) ? undefined : await readRegularFile(path, 1 << 20);
  const before = previous?.kind === 'ok' ? previousSuccess(previous.text) : undefined;
  await writeAtomic(path, renderMetrics(report, nowMs, before));
}
