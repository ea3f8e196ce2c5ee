/**
 * One policy's week on its own fresh engine and its own clone of the registry. Time is real but
 * scaled: a day lasts `daySeconds`, jobs start at fixed slots in it, the nightly runs at the
 * end, and every duration the policies take (`until`, `min-age`, `keep-warm`, `stuck-after`)
 * is scaled by the same factor. The nightly starts while the day's last job is between its pulls
 * and its deploy, as a timer does on a busy host.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, statfsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEngine, type Engine } from './engine.js';
import { BUNDLE } from './paths.js';
import { cleanEnv, runTool } from './run.js';
import { startRegistry } from './week-registry.js';
import type { Job, Trace } from './week-trace.js';
import type { RunReport } from '../../src/report/types.js';

export type PolicyName = 'never' | 'infinite-disk' | 'system-prune-all' | 'gated-dangling' | 'tool' | 'tool-no-warm' | 'tool-roomy' | 'tool-tuned';

/**
 * `warm`: the nightly `warm` run after the prune, once the day's last job has ended (the NixOS
 * unit runs it right after the prune; a job still between its pre and post steps makes it wait
 * for the next night). `diskMb`: a disk of its own size (the infinite disk).
 */
export interface PolicySpec { name: PolicyName; label: string; toolArgs?: string[]; warm?: boolean; diskMb?: number }

export interface PullRecord { job: number; day: number; ref: string; cold: boolean; staleWarm: boolean; evictedBefore: boolean; bytes: number; ms: number; ok: boolean }
export interface ToolRecord { job: number | 'nightly'; day: number; mode: string; ms: number; code: number; predicted: number; freed: number; evicted: number; yielded: number }
export interface PolicyResult {
  policy: PolicyName;
  label: string;
  pulls: PullRecord[];
  failedJobs: { job: number; day: number; why: string }[];
  /** Images a job had pulled and was about to deploy that were gone at deploy time. */
  removedWhileNeeded: { job: number; ref: string }[];
  /** [seconds since the start, used %] after every step. */
  disk: [number, number][];
  /** The filesystem's bytes the used % counts against (used and available). */
  capacityBytes: number;
  endOfDay: number[];
  peak: number;
  bytesPerDay: number[];
  tool: ToolRecord[];
  /** Bytes the registry served to the nightly warm runs, per day (part of bytesPerDay). */
  nightBytes: number[];
  dayLengths: number[];
  /** Seconds since the start at which each day began. */
  dayStarts: number[];
  /** Wall milliseconds spent per phase of the jobs (where the replay's time goes). */
  phases: Record<string, number>;
}

/** Used bytes, and the bytes a used % counts against (used and available, as df). */
const space = (path: string): { used: number; capacity: number } => {
  const s = statfsSync(path);
  const used = (s.blocks - s.bfree) * s.bsize;
  return { used, capacity: used + s.bavail * s.bsize };
};

const usedPercent = (path: string): number => { const { used, capacity } = space(path); return Math.round((used / capacity) * 1000) / 10; };

const sleepUntil = (t: number): void => { const ms = t - Date.now(); if (ms > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms); };

/** The policy's nightly as a child process: started, not awaited (it overlaps a job). */
function nightly(e: Engine, policy: PolicySpec, args: { until: string; state: string; report: string; threshold: number }): Promise<number> {
  const cmd: string[] = policy.name === 'system-prune-all' ? ['docker', 'system', 'prune', '--all', '--force', '--filter', `until=${args.until}`]
    : policy.name === 'gated-dangling'
      ? ['bash', '-c', `[ "$(df --output=pcent '${e.mount}' | tail -1 | tr -dc 0-9)" -ge ${args.threshold} ] || exit 0; `
        + `docker container prune --force --filter until=${args.until} && docker image prune --force --filter until=${args.until}`]
      : policy.name === 'never' || policy.name === 'infinite-disk' ? ['true']
        : [process.execPath, BUNDLE, 'prune', '--state-dir', args.state, '--report-file', args.report, ...policy.toolArgs!];
  return new Promise((resolve) => {
    const child = spawn(cmd[0]!, cmd.slice(1), { env: cleanEnv(e), stdio: 'ignore' });
    child.on('close', (code) => resolve(code ?? -1));
  });
}

export async function runPolicy(policy: PolicySpec, trace: Trace, opts: { registryStorage: string; work: string; diskMb: number; daySeconds: number; threshold: number }): Promise<PolicyResult> {
  mkdirSync(opts.work, { recursive: true });
  const e = startEngine(policy.diskMb ?? opts.diskMb);
  const reg = await startRegistry(join(opts.work, 'registry'), opts.registryStorage);
  const res: PolicyResult = {
    policy: policy.name, label: policy.label, pulls: [], failedJobs: [], removedWhileNeeded: [], disk: [], capacityBytes: space(e.mount).capacity, endOfDay: [], peak: 0,
    bytesPerDay: [], tool: [], nightBytes: [], dayLengths: [], dayStarts: [], phases: {},
  };
  const t0 = Date.now();
  const sample = (): void => { const p = usedPercent(e.mount); res.disk.push([(Date.now() - t0) / 1000, p]); res.peak = Math.max(res.peak, p); };
  const state = join(opts.work, 'state');
  const until = `${opts.daySeconds}s`;
  const present = (ref: string): boolean => e.docker(['image', 'inspect', '--format', '{{.Id}}', ref], { allowFail: true }).trim() !== '';
  const everPresent = new Set<string>();
  const movedSince = new Map<string, number>(); // ref -> day its upstream moved
  let reportN = 0;
  const tool = (job: number | 'nightly', day: number, mode: string, args: string[], env: NodeJS.ProcessEnv = {}): void => {
    const file = join(opts.work, `report-${++reportN}.json`);
    const r = runTool(e, [mode, ...args, '--state-dir', state, '--report-file', file, ...policy.toolArgs!], { ...cleanEnv(e), ...env });
    res.tool.push(toolRecord(job, day, mode, r.ms, r.code, file));
  };
  sample();
  try {
    for (let day = 0; day < trace.days; day++) {
      sleepUntil(t0 + day * opts.daySeconds * 1000);
      // a day starts on time, or when the previous one ends if it ran over (its jobs then run back to back)
      const dayStart = Date.now();
      res.dayStarts.push((dayStart - t0) / 1000);
      const bytesAtDayStart = reg.bytesServed();
      // the day's re-pushes that land after `n` of its jobs (0: now, at its start)
      const land = async (n: number): Promise<void> => {
        for (const ev of trace.events) {
          if (ev.day === day && ev.kind === 'repush' && (ev.after ?? 0) === n) { await reg.moveTag(ev.repo, ev.tag, ev.staged); movedSince.set(`${ev.repo}:${ev.tag}`, day); }
        }
      };
      await land(0);
      const jobs = trace.jobs.filter((j) => j.day === day);
      let night: Promise<number> | undefined;
      let nightReport = '';
      const startNightly = (): Promise<number> => {
        nightReport = join(opts.work, `report-${++reportN}.json`);
        return nightly(e, policy, { until, state, report: nightReport, threshold: opts.threshold });
      };
      for (const job of jobs) {
        sleepUntil(t0 + (day + job.slot / (jobs.length + 1)) * opts.daySeconds * 1000);
        if (job.slot > 0) await land(job.slot);
        const last = job === jobs.at(-1);
        await runJob(e, job, reg.address, {
          res, sample, present, everPresent, movedSince,
          pre: policy.toolArgs ? (refs) => tool(job.n, day, 'pre', ['--images', refs.join(',')], { CI_DOCKER_PRUNE_RUN_ID: `job-${job.n}` }) : undefined,
          post: policy.toolArgs ? () => tool(job.n, day, 'post', [], { CI_DOCKER_PRUNE_RUN_ID: `job-${job.n}` }) : undefined,
          afterPulls: last ? () => { night = startNightly(); } : undefined,
          bytesServed: () => reg.bytesServed(),
        });
      }
      await land(jobs.length); // after the day's last job, before the night's warm
      const t = Date.now();
      const code = await (night ?? startNightly());
      if (policy.toolArgs) res.tool.push(toolRecord('nightly', day, 'prune', Date.now() - t, code, nightReport));
      sample();
      const beforeWarm = reg.bytesServed();
      if (policy.warm) tool('nightly', day, 'warm', []);
      res.nightBytes.push(reg.bytesServed() - beforeWarm);
      sample();
      res.endOfDay.push(usedPercent(e.mount));
      res.bytesPerDay.push(reg.bytesServed() - bytesAtDayStart);
      res.dayLengths.push((Date.now() - dayStart) / 1000);
    }
  } finally {
    reg.stop();
    e.stop();
  }
  return res;
}

function toolRecord(job: number | 'nightly', day: number, mode: string, ms: number, code: number, file: string): ToolRecord {
  let r: RunReport | undefined;
  try { r = JSON.parse(readFileSync(file, 'utf8')) as RunReport; } catch { r = undefined; }
  const evicted = r?.removed.filter((x) => x.kind === 'evict') ?? [];
  const before = r?.disk.before?.usedBytes;
  const after = r?.disk.after?.usedBytes;
  return {
    job, day, mode, ms: r?.durationMs ?? ms, code, predicted: r?.reclaimed.total ?? 0,
    freed: before !== undefined && after !== undefined ? before - after : 0, evicted: evicted.length, yielded: evicted.filter((x) => x.yielded).length,
  };
}

interface JobDeps {
  res: PolicyResult;
  sample(): void;
  present(ref: string): boolean;
  everPresent: Set<string>;
  movedSince: Map<string, number>;
  pre: ((refs: string[]) => void) | undefined;
  post: (() => void) | undefined;
  afterPulls: (() => void) | undefined;
  bytesServed(): number;
}

const NO_SPACE = /no space left on device/i;

/** One recipe job: pull its images, deploy them as a run-app stack for a moment, tear down, sometimes build. */
async function runJob(e: Engine, job: Job, registry: string, d: JobDeps): Promise<void> {
  const refs = job.refs.map((r) => `${registry}/${r}`);
  let mark = Date.now();
  const phase = (name: string): void => { const now = Date.now(); d.res.phases[name] = (d.res.phases[name] ?? 0) + now - mark; mark = now; };
  d.pre?.(refs);
  phase('pre');
  let failed: string | undefined;
  for (const [i, ref] of refs.entries()) {
    const wasPresent = d.present(ref);
    const b0 = d.bytesServed();
    const t = Date.now();
    const r = pullOrError(e, ref);
    const bytes = d.bytesServed() - b0;
    const moved = d.movedSince.get(job.refs[i]!);
    d.res.pulls.push({
      job: job.n, day: job.day, ref: job.refs[i]!, cold: !wasPresent, staleWarm: wasPresent && bytes > 100_000,
      evictedBefore: !wasPresent && d.everPresent.has(ref) && (moved === undefined || moved < job.day), bytes, ms: Date.now() - t, ok: r === undefined,
    });
    d.sample();
    if (r !== undefined) { failed ??= NO_SPACE.test(r) ? 'no space' : r; continue; }
    d.everPresent.add(ref);
  }
  phase('pull');
  d.afterPulls?.();
  const stack = `${job.recipe.slice(0, 4)}-${(job.n * 2654435761 >>> 8).toString(16).padStart(6, '0').slice(-6)}_ci_commoninternet_net`;
  if (!failed) {
    await new Promise((r) => setTimeout(r, 300)); // the nightly's first requests land before the deploy
    for (const ref of refs) if (!d.present(ref)) d.res.removedWhileNeeded.push({ job: job.n, ref });
    failed = deploy(e, job, refs, stack);
    d.sample();
  }
  phase('deploy');
  if (!failed && job.build) {
    const ctx = join(e.dir, `build-${job.n}`);
    mkdirSync(ctx, { recursive: true });
    writeFileSync(join(ctx, 'blob'), Buffer.alloc(4_000_000, job.n));
    writeFileSync(join(ctx, 'Dockerfile'), `FROM ${refs[0]}\nCOPY blob /blob\n`);
    const out = e.sh(`DOCKER_BUILDKIT=1 docker build -q --network none -t 'ci-build/${job.recipe}:latest' '${ctx}' 2>&1 || true`);
    if (NO_SPACE.test(out)) failed = 'no space';
    d.sample();
  }
  phase('build');
  if (failed) d.res.failedJobs.push({ job: job.n, day: job.day, why: failed });
  d.post?.();
  d.sample();
  phase('post');
}

function pullOrError(e: Engine, ref: string): string | undefined {
  try { e.docker(['pull', '--quiet', ref]); return undefined; } catch (err) { return (err as Error).message.split('\n').filter(Boolean).at(-1); }
}

/** Deploys the stack, waits until every service runs, removes it. */
function deploy(e: Engine, job: Job, refs: string[], stack: string): string | undefined {
  const compose = join(e.dir, `stack-${job.n}.yml`);
  const services = refs.map((ref, i) => `  s${i}:\n    image: ${ref}\n    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 600 & wait"]\n    stop_grace_period: 1s`);
  // the host network: an overlay per stack would cost seconds per job on this small machine
  // (the images, the stack's name and its lifetime are what the policies see)
  writeFileSync(compose, `version: "3.8"\nservices:\n${services.join('\n')}\nnetworks:\n  default:\n    external: true\n    name: host\n`);
  let why: string | undefined;
  try {
    e.docker(['stack', 'deploy', '--resolve-image', 'never', '--compose-file', compose, stack]);
    const deadline = Date.now() + 30_000;
    for (;;) {
      const reps = e.docker(['service', 'ls', '--filter', `label=com.docker.stack.namespace=${stack}`, '--format', '{{.Replicas}}']).trim().split('\n');
      if (reps.length === refs.length && reps.every((x) => /^(\d+)\/\1\b/.test(x) && !x.startsWith('0/'))) break;
      if (Date.now() > deadline) {
        const err = e.docker(['service', 'ps', '--no-trunc', '--format', '{{.Error}}', ...refs.map((_, i) => `${stack}_s${i}`)], { allowFail: true });
        why = NO_SPACE.test(err) ? 'no space' : `the stack did not run: ${err.trim().split('\n')[0] ?? ''}`;
        break;
      }
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
    }
  } catch (err) {
    why = NO_SPACE.test((err as Error).message) ? 'no space' : (err as Error).message.split('\n')[0];
  }
  // like a real teardown: the services go now, swarm removes their containers in the background
  // (seconds later; the post step may still see them, and they protect their images meanwhile)
  e.docker(['stack', 'rm', stack], { allowFail: true });
  return why;
}
