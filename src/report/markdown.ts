/** The job summary: a page a person reads at a glance. */
import { formatBytes } from '../inputs/units.js';
import type { Disk } from '../model/host.js';
import type { Inventory, RunReport, WarmItem, WarmReport } from './types.js';

/**
 * Text from Docker or a compose file, safe inside a table cell or a list item: one line,
 * HTML and markdown punctuation escaped (a tag named `**x**|y` or `<img>` stays text).
 */
export const esc = (s: string): string => s
  .replace(/\r\n|\r|\n|\u2028|\u2029/g, ' ⏎ ')
  .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  .replace(/[\\`*_{}[\]()#+!|~]/g, '\\$&');

const WARM_STATE: Record<WarmItem['state'], string> = {
  current: '= current', pulled: '✓ pulled', 'up-to-date': '= up to date', 'over-budget': '− over budget', gone: '⚠️ gone upstream',
  denied: '⚠️ credentials refused', unreachable: '⚠️ registry unreachable', failed: '❌ pull failed', 'not-reached': '… not reached',
};

const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** A text gauge: `████████░░ 82.0%`. */
export function gauge(d: Disk | undefined): string {
  if (!d) return 'unknown';
  const filled = Math.round(d.usedPercent / 10);
  return `\`${'█'.repeat(filled)}${'░'.repeat(10 - filled)}\` ${d.usedPercent}%`;
}

/**
 * The verdict a person reads first: a failure before anything else, then what the job left
 * behind (a leftover run-app service holds every later prune on the host) and an eviction
 * during the job, then what was removed, then why nothing was.
 */
export function headline(r: RunReport): string {
  const removed = r.pruned ? `, ${formatBytes(r.reclaimed.total)} reclaimed` : '';
  if (r.errors.length) return `❌ failed: ${esc(r.errors[0]!.length > 140 ? `${r.errors[0]!.slice(0, 137)}…` : r.errors[0]!)}${r.errors.length > 1 ? ` (+${r.errors.length - 1} more)` : ''}${removed}`;
  const evicted = r.job?.evicted.length ?? 0;
  const alerts = [leakHeadline(r), evicted ? `${plural(evicted, 'image')} evicted during the job` : ''].filter(Boolean);
  if (alerts.length) return `⚠️ ${alerts.join('; ')}${removed}`;
  if (r.warm) return warmHeadline(r.warm);
  if (r.pruned) return `pruned${removed}`;
  if (r.gate === 'open') return r.dryRun ? 'dry run: nothing removed' : 'all gates open, nothing old enough to remove';
  // a pre step that had enough free space never needed the gates
  if (r.gate === 'not-evaluated') return r.job?.images.length ? `warm ${r.job.images.filter((i) => i.warm).length}/${r.job.images.length}, no prune needed` : 'no prune needed';
  return `keeping local image cache (gate ${r.gate} closed)`;
}

/** The warm run in a line: `warmed 3 images (120 MB on disk) · 1 moved upstream · 1 gone upstream · 1 left out by the budget`. */
function warmHeadline(w: WarmReport): string {
  if (w.skipped) return `not warming: ${esc(w.skipped)}`;
  const n = (...states: WarmItem['state'][]): number => w.items.filter((i) => states.includes(i.state)).length;
  const moved = w.items.filter((i) => i.state === 'pulled' && i.local).length;
  const parts = [
    `warmed ${plural(n('pulled'), 'image')} (${formatBytes(w.grewBytes)} on disk)`,
    moved ? `${moved} moved upstream` : '', n('current', 'up-to-date') ? `${n('current', 'up-to-date')} already current` : '',
    n('gone') ? `${n('gone')} gone upstream` : '', n('over-budget') ? `${n('over-budget')} left out by the budget` : '',
    n('failed', 'unreachable', 'denied') ? `${n('failed', 'unreachable', 'denied')} failed` : '', n('not-reached') ? `${n('not-reached')} not reached` : '',
    w.oneOffs.length ? `${w.oneOffs.length} asked for once, left out` : '',
  ];
  return parts.filter(Boolean).join(' · ');
}

/** What the job left behind, leftover services first (they are what holds the stacks gate). */
function leakHeadline(r: RunReport): string {
  const leaks = Object.entries(r.job?.leaks ?? {}).filter(([, names]) => names.length);
  if (!leaks.length) return '';
  const services = r.job?.leaks.services ?? [];
  const what = leaks.sort(([a], [b]) => Number(b === 'services') - Number(a === 'services')).map(([kind, names]) => plural(names.length, kind.replace(/s$/, ''))).join(', ');
  const first = services[0] ? ` (${esc(services[0])}${services.length > 1 ? ', …' : ''})` : '';
  const holds = services.length && r.gate === 'stacks' ? ': it holds every later prune on this host (gate stacks closed)' : '';
  return `teardown leak: ${what} left behind${first}${holds}`;
}

export function renderSummary(r: RunReport): string {
  const out: string[] = [];
  out.push(`### ci-docker-prune · ${r.mode}${r.dryRun ? ' (dry run)' : ''} · ${headline(r)}`, '');
  out.push('| | before | after |', '|---|---|---|');
  const fullest = r.disk.after ?? r.disk.before;
  const spans = r.disk.filesystems.length > 1 && fullest ? `${esc(fullest.path)}, ${esc(fullest.holds ?? 'DockerRootDir')}, the fullest of ${r.disk.filesystems.length}` : esc(r.daemon.rootDir);
  out.push(`| disk (${spans}) | ${gauge(r.disk.before)} | ${r.disk.after ? gauge(r.disk.after) : '—'} |`);
  const b = r.inventory.before;
  const a = r.inventory.after;
  out.push(`| free | ${r.disk.before ? formatBytes(r.disk.before.availBytes) : '—'} | ${r.disk.after ? formatBytes(r.disk.after.availBytes) : '—'} |`);
  const images = (i: Inventory): string => `${i.images}${i.danglingImages === undefined ? '' : ` (${i.danglingImages} dangling)`}`;
  out.push(`| images | ${images(b)} | ${a ? images(a) : '—'} |`);
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
      const pull = i.pull ? `${i.pull.ms} ms, ${i.pull.upToDate ? 'manifest only' : plural(i.pull.layersDownloaded, 'layer')}` : '';
      out.push(`| ${esc(i.ref)} | ${i.warm ? `🔥 warm${i.upstream === 'moved' ? ' (moved upstream)' : i.upstream === 'current' ? ' (current upstream)' : ''}` : '🧊 cold'} | ${i.downloadBytes !== undefined ? formatBytes(i.downloadBytes) : ''} | ${pull} |`);
    }
    out.push('');
  }
  if (r.warm?.items.length) {
    out.push(`**The warm set** (room: ${formatBytes(r.warm.budgetBytes)})`, '', '| image | outcome | on disk | why |', '|---|---|---|---|');
    for (const i of r.warm.items) out.push(`| ${esc(i.ref)} | ${WARM_STATE[i.state]}${i.detail ? `: ${esc(i.detail)}` : ''} | ${i.bytes ? formatBytes(i.bytes) : ''} | ${esc(i.why)} |`);
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
    out.push(`**${r.removed.length ? 'Removed' : 'Would remove'}**`, '', '| kind | object | bytes | why |', '|---|---|---|---|');
    for (const x of rows.slice(0, 50)) out.push(`| ${x.kind} | ${esc(x.label)} | ${x.bytes ? formatBytes(x.bytes) : ''} | ${esc(x.reason ?? '')} |`);
    if (rows.length > 50) out.push(`| … | ${rows.length - 50} more | | |`);
    out.push('');
  }
  const yielded = r.removed.filter((x) => x.yielded);
  if (yielded.length) {
    const by = [...new Set(yielded.map((x) => x.yielded!))].map((why) => {
      const xs = yielded.filter((x) => x.yielded === why);
      return `${why} ${plural(xs.length, 'image')} ${formatBytes(xs.reduce((n, x) => n + x.bytes, 0))}`;
    });
    out.push(`**Warm images that yielded to the disk bound:** ${by.join(' · ')}`, '');
  }
  if (r.kept.length) {
    const byReason = new Map<string, { n: number; bytes: number }>();
    for (const k of r.kept) {
      const cur = byReason.get(k.reason) ?? { n: 0, bytes: 0 };
      byReason.set(k.reason, { n: cur.n + 1, bytes: cur.bytes + k.bytes });
    }
    out.push('**Kept by the LRU eviction**', '', '| why | images | bytes |', '|---|---|---|');
    for (const [why, v] of byReason) out.push(`| ${esc(why)} | ${v.n} | ${formatBytes(v.bytes)} |`);
    out.push('');
  }
  // one blockquote each: consecutive `>` lines would merge into one paragraph
  for (const w of r.warnings) out.push(`> ⚠️ ${esc(w)}`, '');
  for (const e of r.errors) out.push(`> ❌ ${esc(e)}`, '');
  out.push('', `<sub>daemon ${esc(r.daemon.serverVersion)}, ${r.dockerCalls} docker calls, ${r.durationMs} ms</sub>`);
  return out.join('\n');
}
