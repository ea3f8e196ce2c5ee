/**
 * Prometheus textfile-collector metrics (`metrics-file`), for node_exporter's
 * `--collector.textfile.directory`. Rendered from the RunReport; written atomically so the
 * collector never reads half a file.
 */
import type { RunReport } from './types.js';
import { writeAtomic } from '../runtime/atomic-file.js';

type Sample = [labels: Record<string, string>, value: number];

const escape = (v: string): string => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
const ratio = (p: number | undefined): number => (p === undefined ? NaN : Math.round(p * 10) / 1000);

const GATES = ['swarm-role', 'disk', 'stacks', 'converging', 'lock'] as const;

export function renderMetrics(r: RunReport, nowMs: number): string {
  const lines: string[] = [];
  const metric = (name: string, type: 'gauge' | 'counter', help: string, samples: Sample[]): void => {
    lines.push(`# HELP ci_docker_prune_${name} ${help}`, `# TYPE ci_docker_prune_${name} ${type}`);
    for (const [labels, value] of samples) {
      const all = { mode: r.mode, ...labels };
      const text = Object.entries(all).map(([k, v]) => `${k}="${escape(v)}"`).join(',');
      lines.push(`ci_docker_prune_${name}{${text}} ${Number.isFinite(value) ? value : 'NaN'}`);
    }
  };
  const count = (kind: string): number => r.removed.filter((x) => x.kind === kind).length;
  const after = r.disk.after ?? r.disk.before;
  metric('disk_used_ratio', 'gauge', 'Used fraction of the filesystem holding DockerRootDir (bytes or inodes, the higher).', [
    [{ when: 'before' }, ratio(r.disk.before?.usedPercent)], [{ when: 'after' }, ratio(after?.usedPercent)]]);
  metric('disk_free_bytes', 'gauge', 'Bytes free on the Docker filesystem after the run.', [[{}, after?.availBytes ?? NaN]]);
  metric('reclaimed_bytes', 'gauge', 'Bytes reclaimed by this run, by kind.', [
    [{ kind: 'containers' }, r.reclaimed.containers], [{ kind: 'images' }, r.reclaimed.images],
    [{ kind: 'build_cache' }, r.reclaimed.buildCache], [{ kind: 'evicted' }, r.reclaimed.evicted]]);
  metric('removed_objects', 'gauge', 'Objects removed by this run, by kind.', [
    [{ kind: 'containers' }, count('container')], [{ kind: 'images' }, count('image')], [{ kind: 'evicted' }, count('evict')]]);
  metric('images_evicted', 'gauge', 'Unused tagged images evicted least-recently-used first by this run.', [[{}, count('evict')]]);
  metric('gate_open', 'gauge', 'Whether each gate was open (1) or closed (0); absent gates are not evaluated.', r.gates
    .filter((g) => (GATES as readonly string[]).includes(g.name)).map((g) => [{ gate: g.name }, g.open ? 1 : 0]));
  metric('gates_open', 'gauge', '1 when every gate was open and the prune could run.', [[{}, r.gate === 'open' ? 1 : 0]]);
  metric('cold_images', 'gauge', 'Images the job needs that were not present locally (pre).', [[{}, r.job?.cold.length ?? 0]]);
  metric('evicted_during_job', 'gauge', 'Images present before the job and gone after it (post).', [[{}, r.job?.evicted.length ?? 0]]);
  metric('images', 'gauge', 'Images on the host after the run.', [[{}, (r.inventory.after ?? r.inventory.before).images]]);
  metric('dry_run', 'gauge', '1 when the run was a dry run.', [[{}, r.dryRun ? 1 : 0]]);
  metric('warnings', 'gauge', 'Warnings the run reported.', [[{}, r.warnings.length]]);
  metric('errors', 'gauge', 'Errors the run reported.', [[{}, r.errors.length]]);
  metric('duration_seconds', 'gauge', 'Wall time of the run.', [[{}, r.durationMs / 1000]]);
  metric('node_info', 'gauge', 'The node this file is about: hostname and swarm node ID (1).', [[{ hostname: r.daemon.hostname, node_id: r.daemon.nodeId ?? '' }, 1]]);
  metric('last_run_timestamp_seconds', 'gauge', 'When the run finished (Unix time).', [[{}, Math.floor(nowMs / 1000)]]);
  return `${lines.join('\n')}\n`;
}

export async function writeMetrics(path: string, report: RunReport, nowMs: number): Promise<void> {
  await writeAtomic(path, renderMetrics(report, nowMs));
}
