/** The week replay's tables (markdown, for BENCHMARKS.md) and plot (a dependency-free SVG). */
import type { PolicyResult } from './week-policy.js';

export interface WeekMeta { days: number; jobsPerDay: number; recipes: number; diskMb: number; daySeconds: number; seed: number; weekMb: number; threshold: number; machine: string }

const mb = (b: number): string => (b / 1e6).toFixed(0);
const median = (xs: number[]): number => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.floor((s.length - 1) / 2)]! : 0; };
const p95 = (xs: number[]): number => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)]! : 0; };

export function renderTables(results: PolicyResult[], m: WeekMeta): string {
  const out: string[] = [];
  out.push(`${m.days} scaled days of ${m.daySeconds} s, ${m.days * m.jobsPerDay} jobs, ${m.recipes} recipes, ${m.weekMb} MB of image versions, ${m.diskMb} MB disk, threshold ${m.threshold} %, seed ${m.seed}; ${m.machine}`, '');
  const limit = results.find((r) => r.policy === 'infinite-disk');
  const served = (r: PolicyResult): number => r.bytesPerDay.reduce((n, b) => n + b, 0);
  // a download on a job's path: its pull fetched layers (cold, or a tag moved upstream)
  const onPath = (r: PolicyResult): number => r.pulls.filter((p) => p.cold || p.staleWarm).length;
  out.push('| policy | MB served (night pulls) | × the limit | downloads on the jobs\' path | cold pulls / all | pull time | peak disk | end of day ≥ threshold | max end of day | failed jobs (no space) | needed again after removal | removed while a job needed it | "warm" but stale |');
  out.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    // everything the registry served: the jobs' pulls, and swarm's own pulls of images removed under a deploy
    const bytes = served(r);
    const night = r.nightBytes?.reduce((n, b) => n + b, 0) ?? 0;
    const cold = r.pulls.filter((p) => p.cold).length;
    const pullS = r.pulls.reduce((n, p) => n + p.ms, 0) / 1000;
    const over = r.endOfDay.filter((p) => p >= m.threshold).length;
    const noSpace = r.failedJobs.filter((f) => f.why === 'no space').length;
    const other = r.failedJobs.length - noSpace;
    out.push(`| ${r.label} | ${mb(bytes)}${night ? ` (${mb(night)})` : ''} | ${limit ? (bytes / Math.max(1, served(limit))).toFixed(2) : '—'} | ${onPath(r)} | ${cold}/${r.pulls.length} | ${pullS.toFixed(0)} s | ${r.peak.toFixed(1)} % | ${over}/${r.endOfDay.length} | ${Math.max(...r.endOfDay).toFixed(1)} % | ${noSpace}${other ? ` (+${other} other)` : ''} | ${r.pulls.filter((p) => p.evictedBefore).length} | ${r.removedWhileNeeded.length} | ${r.pulls.filter((p) => p.staleWarm).length} |`);
  }
  out.push('', '**MB downloaded per day**', '', `| policy | ${Array.from({ length: m.days }, (_, i) => `day ${i + 1}`).join(' | ')} |`, `|---|${'---|'.repeat(m.days)}`);
  for (const r of results) out.push(`| ${r.label} | ${r.bytesPerDay.map(mb).join(' | ')} |`);
  out.push('', '**End-of-day disk used %** (after the nightly)', '', `| policy | ${Array.from({ length: m.days }, (_, i) => `day ${i + 1}`).join(' | ')} |`, `|---|${'---|'.repeat(m.days)}`);
  for (const r of results) out.push(`| ${r.label} | ${r.endOfDay.map((p) => p.toFixed(1)).join(' | ')} |`);
  const tools = results.filter((r) => r.tool.length);
  if (tools.length) {
    out.push('', "**The tool's own time and evictions**", '', '| policy | pre median / p95 | post median / p95 | nightly median | evictions (warm that yielded) | predicted vs freed (runs that evicted) | non-zero exits |', '|---|---|---|---|---|---|---|');
    for (const r of tools) {
      const ms = (mode: string): number[] => r.tool.filter((t) => t.mode === mode && t.job !== 'nightly').map((t) => t.ms);
      const nights = r.tool.filter((t) => t.job === 'nightly' && t.mode === 'prune').map((t) => t.ms);
      const evicting = r.tool.filter((t) => t.evicted > 0);
      const predicted = evicting.reduce((n, t) => n + t.predicted, 0);
      const freed = evicting.reduce((n, t) => n + t.freed, 0);
      out.push(`| ${r.label} | ${median(ms('pre'))} / ${p95(ms('pre'))} ms | ${median(ms('post'))} / ${p95(ms('post'))} ms | ${median(nights)} ms | ${r.tool.reduce((n, t) => n + t.evicted, 0)} (${r.tool.reduce((n, t) => n + t.yielded, 0)}) | ${mb(predicted)} MB vs ${mb(freed)} MB | ${r.tool.filter((t) => t.code !== 0).length} |`);
    }
  }
  const long = results.flatMap((r) => r.dayLengths).filter((s) => s > m.daySeconds * 1.1);
  if (long.length) out.push('', `note: ${long.length} day(s) ran over their ${m.daySeconds} s (longest ${Math.max(...long).toFixed(0)} s): jobs took longer than the slots`);
  return out.join('\n');
}

const COLORS = ['#7f7f7f', '#d62728', '#ff7f0e', '#2ca02c', '#1f77b4', '#9467bd'];

export function renderSvg(results: PolicyResult[], m: WeekMeta): string {
  const W = 960, H = 380, pad = { l: 48, r: 16, t: 36, b: 64 };
  const left = { x: pad.l, y: pad.t, w: 560, h: H - pad.t - pad.b };
  const right = { x: pad.l + 560 + 64, y: pad.t, w: W - (pad.l + 560 + 64) - pad.r, h: H - pad.t - pad.b };
  // x is the replayed day: a sample at t seconds sits in its own policy's day (days that ran over are stretched back to one day)
  const dayOf = (r: PolicyResult, t: number): number => {
    const d = Math.max(0, r.dayStarts.filter((s) => s <= t).length - 1);
    const end = (r.dayStarts[d] ?? 0) + (r.dayLengths[d] ?? m.daySeconds);
    return Math.min(m.days, d + Math.min(1, (t - (r.dayStarts[d] ?? 0)) / Math.max(1e-9, end - (r.dayStarts[d] ?? 0))));
  };
  const px = (days: number): number => left.x + (days / m.days) * left.w;
  const py = (p: number): number => left.y + left.h - (p / 100) * left.h;
  const s: string[] = [];
  s.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`);
  s.push(`<rect width="${W}" height="${H}" fill="white"/>`);
  s.push(`<text x="${left.x}" y="18" font-size="13" font-weight="bold">Disk used % over the replayed week</text>`);
  for (const p of [0, 20, 40, 60, 80, 100]) s.push(`<line x1="${left.x}" x2="${left.x + left.w}" y1="${py(p)}" y2="${py(p)}" stroke="#eee"/><text x="${left.x - 6}" y="${py(p) + 4}" text-anchor="end">${p}</text>`);
  for (let d = 0; d <= m.days; d++) s.push(`<line x1="${px(d)}" x2="${px(d)}" y1="${left.y}" y2="${left.y + left.h}" stroke="#eee"/>${d < m.days ? `<text x="${px(d + 0.5)}" y="${left.y + left.h + 14}" text-anchor="middle">day ${d + 1}</text>` : ''}`);
  s.push(`<line x1="${left.x}" x2="${left.x + left.w}" y1="${py(m.threshold)}" y2="${py(m.threshold)}" stroke="black" stroke-dasharray="4 3"/><text x="${left.x + left.w - 2}" y="${py(m.threshold) - 4}" text-anchor="end">threshold ${m.threshold} %</text>`);
  results.forEach((r, i) => {
    const pts = r.disk.map(([t, p]) => `${px(dayOf(r, t)).toFixed(1)},${py(p).toFixed(1)}`).join(' ');
    s.push(`<polyline fill="none" stroke="${COLORS[i % COLORS.length]}" stroke-width="1.6" points="${pts}"/>`);
  });
  // bars: MB downloaded per day
  const maxMb = Math.max(1, ...results.flatMap((r) => r.bytesPerDay.map((b) => b / 1e6)));
  const groupW = right.w / m.days;
  const barW = (groupW - 6) / results.length;
  s.push(`<text x="${right.x}" y="18" font-size="13" font-weight="bold">MB downloaded per day</text>`);
  for (const v of [0, 0.5, 1]) s.push(`<text x="${right.x - 6}" y="${right.y + right.h - v * right.h + 4}" text-anchor="end">${Math.round(maxMb * v)}</text><line x1="${right.x}" x2="${right.x + right.w}" y1="${right.y + right.h - v * right.h}" y2="${right.y + right.h - v * right.h}" stroke="#eee"/>`);
  results.forEach((r, i) => r.bytesPerDay.forEach((b, d) => {
    const h = (b / 1e6 / maxMb) * right.h;
    s.push(`<rect x="${(right.x + d * groupW + 3 + i * barW).toFixed(1)}" y="${(right.y + right.h - h).toFixed(1)}" width="${(barW - 1).toFixed(1)}" height="${h.toFixed(1)}" fill="${COLORS[i % COLORS.length]}"/>`);
  }));
  for (let d = 0; d < m.days; d++) s.push(`<text x="${right.x + (d + 0.5) * groupW}" y="${right.y + right.h + 14}" text-anchor="middle">${d + 1}</text>`);
  // legend
  results.forEach((r, i) => {
    const x = pad.l + (i % 3) * 300, y = H - 30 + Math.floor(i / 3) * 16;
    s.push(`<rect x="${x}" y="${y - 9}" width="12" height="10" fill="${COLORS[i % COLORS.length]}"/><text x="${x + 16}" y="${y}">${escapeXml(r.label.replace(/`/g, ''))}</text>`);
  });
  s.push(`<text x="${W - pad.r}" y="${H - 4}" text-anchor="end" fill="#666">${escapeXml(`${m.days} days × ${m.jobsPerDay} jobs, ${m.diskMb} MB disk, seed ${m.seed}; ${m.machine}`)}</text>`);
  s.push('</svg>');
  return s.join('\n');
}

const escapeXml = (t: string): string => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
