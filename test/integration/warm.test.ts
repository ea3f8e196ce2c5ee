/**
 * The nightly `warm` mode on a hermetic engine with its htpasswd registry: what jobs asked for
 * (recorded by their pre steps) comes back by morning within the room under the target: an
 * evicted image is pulled, a moved tag is pulled anew, a current one costs one manifest request,
 * a tag gone upstream is reported and left alone, what the budget cannot hold is left out, what
 * one job asked for once is left out of the set (no request, no pull), and nothing is ever
 * removed. A live job mark or a live run-app stack: it says why and does nothing.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEngine, type Engine } from '../bench/engine.js';
import { APP_SERVICE, importImage, service, waitRunning } from '../bench/fixtures.js';
import { cleanEnv, runTool } from '../bench/run.js';
import type { RunReport } from '../../src/report/types.js';

const MB = 1_000_000;
let e: Engine;
let tmp: string;
const ref = (name: string) => `${e.registry}/w/${name}:1`;
const id = (r: string) => e.docker(['image', 'inspect', '--format', '{{.Id}}', r], { allowFail: true }).trim();
const ids: Record<string, string> = {};

beforeAll(() => {
  e = startEngine(768);
  tmp = mkdtempSync(join(e.dir, 'warm-'));
  e.docker(['login', '--username', e.registryUser, '--password-stdin', e.registry], { input: e.registryPassword });
  for (const [name, bytes] of [['current', 2 * MB], ['moved', 2 * MB], ['evicted', 3 * MB], ['big', 120 * MB], ['once', 2 * MB]] as const) {
    ids[name] = importImage(e, ref(name), bytes);
    e.docker(['push', ref(name)]);
  }
  // evicted under pressure since: gone locally; the big one too, and the one a single job asked for
  e.docker(['image', 'rm', ref('evicted'), ref('big'), ref('once')]);
  // the moved tag: a new build pushed under it upstream, while this host still holds the old one
  e.docker(['tag', importImage(e, `${e.registry}/w/moved-next:1`, 2 * MB), ref('moved')]);
  e.docker(['push', ref('moved')]);
  ids.movedUpstream = id(ref('moved'));
  e.docker(['tag', ids.moved!, ref('moved')]);
  // a tag that exists here but was never upstream (deleted there): gone
  ids.gone = importImage(e, ref('gone'), 1 * MB);
});
afterAll(() => e?.stop());

let n = 0;
function tool(args: string[], env: NodeJS.ProcessEnv = {}) {
  const file = join(tmp, `report-${++n}.json`);
  const r = runTool(e, [...args, '--state-dir', join(tmp, 'state'), '--report-file', file], { ...cleanEnv(e), CI_DOCKER_PRUNE_RUN_ID: 'job', ...env });
  return { ...r, report: JSON.parse(readFileSync(file, 'utf8')) as RunReport };
}
const jobs = (): string[] => ['current', 'moved', 'evicted', 'gone', 'big'].map(ref);
/** A job: its pre step records the images it needs; its post step releases its mark. */
function job(refs: string[]): void {
  expect(tool(['pre', '--images', refs.join(',')]).code).toBe(0);
  expect(tool(['post']).code).toBe(0);
}
/** Fills the disk so that `room` bytes are left under the target `target` %. */
function roomUnder(target: number, room: number): void {
  e.sh(`rm -f '${e.mount}/filler-warm'`);
  const [used, avail] = e.sh(`df -B1 --output=used,avail '${e.mount}' | tail -1`).trim().split(/\s+/).map(Number) as [number, number];
  const fill = Math.floor(((used + avail) * target) / 100) - used - room;
  if (fill > 0) e.sh(`fallocate -l ${fill} '${e.mount}/filler-warm'`);
}

test('while a job is between its pre and post steps, warm does nothing and says why', () => {
  expect(tool(['pre', '--images', ref('evicted')]).code).toBe(0);
  const r = tool(['warm']);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('not warming: a job is between its pre and post steps (1 live job mark(s))');
  expect(r.report.warm).toMatchObject({ skipped: expect.stringContaining('live job mark'), items: [] });
  expect(id(ref('evicted'))).toBe('');
  expect(tool(['post']).code).toBe(0);
});

test('warm brings back what jobs asked for, within the room under the target; gone upstream is reported, a one-off left out, nothing removed', () => {
  job(jobs());
  job(jobs());
  job([ref('evicted'), ref('moved'), ref('once')]);
  const imagesBefore = e.docker(['image', 'ls', '-aq', '--no-trunc']).trim().split('\n').sort();
  // ~60 MB of room: the small ones fit (each counted at cold-headroom 2 × its download), the big one does not
  roomUnder(60, 60 * MB);
  // a dry run says what it would pull and pulls nothing
  const dry = tool(['warm', '--threshold', '70', '--target', '60', '--dry-run']);
  expect(dry.stdout).toMatch(/dry run: would pull \S+\/w\/(moved|evicted):1, \S+\/w\/(moved|evicted):1 within .*; nothing pulled/);
  expect(dry.report.warm!.items.filter((i) => i.detail === 'dry run')).toHaveLength(2);
  expect(id(ref('evicted'))).toBe('');
  const r = tool(['warm', '--threshold', '70', '--target', '60', '--metrics-file', join(tmp, 'warm.prom')]);
  expect(r.code).toBe(0);
  const by = Object.fromEntries(r.report.warm!.items.map((i) => [i.ref.split('/w/')[1], i.state]));
  expect(by).toEqual({ 'current:1': 'current', 'moved:1': 'pulled', 'evicted:1': 'pulled', 'gone:1': 'gone', 'big:1': 'over-budget' });
  // each decision in one line; the asks that put it in the set
  expect(r.stdout).toMatch(/= \S+\/w\/current:1: current upstream \(asked for by 2 job\(s\), last /);
  expect(r.stdout).toMatch(/↻ \S+\/w\/moved:1: the tag moved upstream, up to .* \(asked for by 3 job\(s\)/);
  // asked for by one job once: no manifest request, no pull, said in one line
  expect(r.stdout).toMatch(/not in the warm set: 1 reference\(s\) asked for by one job only \(\S+\/w\/once:1\): a one-off is rarely asked for again/);
  expect(r.report.warm!.oneOffs).toEqual([ref('once')]);
  expect(id(ref('once'))).toBe('');
  expect(r.stdout).toMatch(/− \S+\/w\/big:1: left out, .* does not fit in what is left of .* of room under the target 60%/);
  expect(r.report.warnings).toEqual([expect.stringMatching(/^warm: \S+\/w\/gone:1 is gone upstream \(.*\); left as it is locally, a job's pull of it will fail \(asked for by 2 job\(s\), last .* ago\)$/)]);
  // what each pull took on disk is measured: together no more than the disk grew by
  const pulled = r.report.warm!.items.filter((i) => i.state === 'pulled');
  // (the containerd store may still hold an evicted image's content: its pull then grows nothing)
  if (e.store === 'classic') expect(pulled.every((i) => i.bytes! > 0)).toBe(true);
  expect(pulled.reduce((t, i) => t + i.bytes!, 0)).toBeLessThanOrEqual(r.report.warm!.grewBytes + 4096 * pulled.length);
  // what happened on the host: pulled, moved to the upstream build, the gone one untouched, the big one not pulled
  expect(id(ref('evicted'))).toBe(ids.evicted);
  expect(id(ref('moved'))).toBe(ids.movedUpstream);
  expect(id(ref('gone'))).toBe(ids.gone);
  expect(id(ref('big'))).toBe('');
  // never a removal: every image that was here is still here, but for the moved tag's old build,
  // which the daemon's own pull over its tag leaves dangling (classic store, 28.5) or replaces
  // (26.1's containerd store): the engine's doing, not the tool's
  const after = e.docker(['image', 'ls', '-aq', '--no-trunc']).trim().split('\n');
  expect(imagesBefore.filter((x) => !after.includes(x) && x !== ids.moved)).toEqual([]);
  expect(r.report.removed).toEqual([]);
  expect(r.report.disk.after!.usedPercent).toBeLessThanOrEqual(60);
  const prom = readFileSync(join(tmp, 'warm.prom'), 'utf8');
  expect(prom).toContain('ci_docker_prune_warm_images{state="pulled"} 2');
  expect(prom).toContain('ci_docker_prune_warm_images{state="over-budget"} 1');
  expect(prom).toContain('ci_docker_prune_warm_images{state="gone"} 1');
  expect(prom).toContain('ci_docker_prune_warm_one_offs 1');
  // the next night: all current (a manifest request each), nothing downloaded
  e.sh(`rm -f '${e.mount}/filler-warm'`);
  const again = tool(['warm', '--threshold', '70', '--target', '60', '--warm-images', ref('current')]);
  const states = Object.fromEntries(again.report.warm!.items.map((i) => [i.ref.split('/w/')[1], i.state]));
  expect(states).toMatchObject({ 'current:1': 'current', 'moved:1': 'current', 'evicted:1': 'current', 'big:1': 'pulled' });
});

test('a multi-platform tag that has not moved: current on the classic store (no pull, no budget), a manifest check on the containerd store', () => {
  // a list of two entries, this platform's and an arm64 one, pushed under w/multi:1 and pulled here
  const list = `${e.registry}/w/multi:1`;
  const entries = ['amd64', 'arm64'].map((arch) => {
    const ref = `${e.registry}/w/multi-${arch}:1`;
    importImage(e, ref, 1 * MB);
    e.docker(['push', ref]);
    return ref;
  });
  e.docker(['manifest', 'create', '--insecure', list, ...entries]);
  e.docker(['manifest', 'annotate', '--arch', 'arm64', list, entries[1]!]);
  e.docker(['manifest', 'push', '--insecure', '--purge', list]);
  e.docker(['pull', list]);
  job([list]);
  job([list]);
  const r = tool(['warm', '--threshold', '95', '--target', '90']);
  expect(r.code).toBe(0);
  const item = r.report.warm!.items.find((i) => i.ref === list);
  if (e.store === 'classic') {
    // this platform's config is the local image: current, one manifest request, nothing pulled
    expect(item).toMatchObject({ state: 'current' });
    expect(r.stdout).toMatch(/= \S+\/w\/multi:1: current upstream \(asked for by 2 job\(s\)/);
  } else {
    // the containerd store names the image by the list's digest, which the manifest request does
    // not print: its pull checks it, and finds nothing new
    expect(item).toMatchObject({ state: 'up-to-date' });
  }
});

test('credentials the registry refuses: each reference said refused (not unreachable), nothing pulled', () => {
  const noCredentials = mkdtempSync(join(tmp, 'no-credentials-'));
  const r = tool(['warm', '--threshold', '95', '--target', '90'], { DOCKER_CONFIG: noCredentials });
  expect(r.code).toBe(0);
  expect(new Set(r.report.warm!.items.map((i) => i.state))).toEqual(new Set(['denied']));
  expect(r.report.warnings.length).toBe(r.report.warm!.items.length);
  expect(r.report.warnings[0]).toMatch(/^warm: the registry of \S+ refused the credentials, or shows no such repository to them \(.*no basic auth credentials\); skipped: check the docker login the pulls use$/);
});

test('behind a Docker Hub mirror: warm asks where the daemon pulls from (the mirror), not Hub, which this host cannot reach', () => {
  const m = startEngine(512, { hubMirror: true });
  try {
    m.docker(['login', '--username', m.registryUser, '--password-stdin', m.registry], { input: m.registryPassword });
    // a Hub image as the mirror serves it: library/hello:1 in the registry behind the mirror
    const upstream = `${m.registry}/library/hello:1`;
    importImage(m, upstream, 1 * MB);
    m.docker(['push', upstream]);
    m.docker(['pull', 'hello:1']); // through the mirror: this host has no route to Hub
    const run = (args: string[]) => {
      const file = join(m.dir, `report-${++n}.json`);
      const r = runTool(m, [...args, '--state-dir', join(m.dir, 'state'), '--report-file', file], { ...cleanEnv(m), CI_DOCKER_PRUNE_RUN_ID: 'job' });
      return { ...r, report: JSON.parse(readFileSync(file, 'utf8')) as RunReport };
    };
    for (let i = 0; i < 2; i++) {
      expect(run(['pre', '--images', 'hello:1']).code).toBe(0);
      expect(run(['post']).code).toBe(0);
    }
    m.docker(['image', 'rm', 'hello:1', upstream]); // evicted since
    const r = run(['warm', '--threshold', '95', '--target', '90']);
    expect(r.code).toBe(0);
    expect(r.report.warm!.items).toEqual([expect.objectContaining({ ref: 'hello:1', state: 'pulled' })]);
    expect(r.report.warnings).toEqual([]);
    expect(m.docker(['image', 'inspect', '--format', '{{.Id}}', 'hello:1']).trim()).toMatch(/^sha256:/);
  } finally {
    m.stop();
  }
}, 240_000); // an engine of its own

test('a live run-app stack: warm says which gate holds it and pulls nothing', async () => {
  e.docker(['image', 'rm', ref('evicted')]);
  service(e, APP_SERVICE, ref('current'));
  await waitRunning(e, APP_SERVICE);
  const r = tool(['warm']);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/not warming: gate stacks closed \(/);
  expect(id(ref('evicted'))).toBe('');
  e.docker(['service', 'rm', APP_SERVICE]);
});
