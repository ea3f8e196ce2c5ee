/** The job summary: a page a person reads at a glance. */
import { formatBytes } from '../inputs/units.js';
import type { Disk } from '../snapshot/types.js';
import type { RunReport } from './types.js';

/**
 * Text from Docker or a compose file, safe inside a table cell or a list item: one line,
 * HTML and markdown punctuation escaped (a tag named `**x**|y` or `<img>` stays text).
 */
export const esc = (s: string): string => s
  .replace(/\r\n|\r|\n|\u2028|\u2029/g, ' ⏎ ')
  .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  .replace(/[\\`*_{}[\]()#+!|~]/g, '\\$&');

/** A text gauge: `████████░░ 82.0%`. */
export function gauge(d: Disk | undefined): string {
  if (!d) return 'unknown';
  const filled = Math.round(d.usedPercent / 10);
  return `\`${'█'.repeat(filled)}${'░'.repeat(10 - filled)}\` ${d.usedPercent}%`;
}

export function renderSummary(r: RunReport): string {
  const out: string[] = [];
  const verdict = r.pruned ? `pruned, ${formatBytes(r.reclaimed.total)} reclaimed`
    : r.gate === 'open' ? (r.dryRun ? 'dry run: nothing removed' : 'nothing to remove')
      : `keeping local image cache (gate: ${r.gate})`;
  out.push(`### ci-docker-prune · ${r.mode}${r.dryRun ? ' (dry run)' : ''} · ${verdict}`, '');
  out.push('| | before | after |', '|---|---|---|');
  out.push(`| disk (${esc(r.daemon.rootDir)}) | ${gauge(r.disk.before)} | ${r.disk.after ? gauge(r.disk.after) : '—'} |`);
  const b = r.inventory.before;
  const a = r.inventory.after;
  out.push(`| free | ${r.disk.before ? formatBytes(r.disk.before.availBytes) : '—'} | ${r.disk.after ? formatBytes(r.disk.after.availBytes) : '—'} |`);
  out.push(`| images | ${b.images} (${b.danglingImages} dangling) | ${a ? `${a.images} (${a.danglingImages} dangling)` : '—'} |`);
  out.push(`| containers | ${b.containers} | ${a ? a.containers : '—'} |`);
  out.push(`| volumes | ${b.volumes} | ${a ? a.volumes : '—'} |`, '');
  if (r.gates.length) {
    out.push('| gate | | detail |', '|---|---|---|');
    for (const g of r.gates) out.push(`| ${g.name} | ${g.open ? '✅ open' : '⛔ closed'} | ${esc(g.detail)} |`);
    out.push('');
  }
  if (r.job?.images.length) {
    const warm = r.job.images.filter((i) => i.warm).length;
    out.push(`**Images the job needs: warm ${warm}/${r.job.images.length}**`, '', '| image | cache | download | pull |', '|---|---|---|---|');
    for (const i of r.job.images) {
      const pull = i.pull ? `${i.pull.ms} ms, ${i.pull.upToDate ? 'manifest only' : `${i.pull.layersDownloaded} layers`}` : '';
      out.push(`| ${esc(i.ref)} | ${i.warm ? '🔥 warm' : '🧊 cold'} | ${i.downloadBytes !== undefined ? formatBytes(i.downloadBytes) : ''} | ${pull} |`);
    }
    out.push('');
  }
  if (r.job?.evicted.length) {
    out.push('**Evicted during the job**', '');
    for (const e of r.job.evicted) out.push(`- ${esc(e.tags.join(', '))} (\`${e.id.slice(7, 19)}\`)`);
    out.push('');
  }
  const leakKinds = Object.entries(r.job?.leaks ?? {});
  if (leakKinds.length) {
    out.push('**Teardown leaks** (created during the job, still present; not removed)', '');
    for (const [kind, names] of leakKinds) out.push(`- ${kind}: ${names.map(esc).join(', ')}`);
    out.push('');
  }
  const rows = r.removed.length ? r.removed : r.dryRun ? r.planned : [];
  if (rows.length) {
    out.push(`**${r.removed.length ? 'Removed' : 'Would remove'}**`, '', '| kind | object | bytes |', '|---|---|---|');
    for (const x of rows.slice(0, 50)) out.push(`| ${x.kind} | ${esc(x.label)} | ${x.bytes ? formatBytes(x.bytes) : ''} |`);
    if (rows.length > 50) out.push(`| … | ${rows.length - 50} more | |`);
    out.push('');
  }
  if (r.kept.length) {
    const byReason = new Map<string, { n: number; bytes: number }>();
    for (const k of r.kept) {
      const cur = byReason.get(k.reason) ?? { n: 0, bytes: 0 };
      byReason.set(k.reason, { n: cur.n + 1, bytes: cur.bytes + k.bytes });
    }
    out.push('**Kept by the LRU eviction**', '', '| why | images | bytes |', '|---|---|---|');
    for (const [why, v] of byReason) out.push(`| ${why} | ${v.n} | ${formatBytes(v.bytes)} |`);
    out.push('');
  }
  // one blockquote each: consecutive `>` lines would merge into one paragraph
  for (const w of r.warnings) out.push(`> ⚠️ ${esc(w)}`, '');
  for (const e of r.errors) out.push(`> ❌ ${esc(e)}`, '');
  out.push('', `<sub>daemon ${esc(r.daemon.serverVersion)}, ${r.dockerCalls} docker calls, ${r.durationMs} ms</sub>`);
  return out.join('\n');
}
