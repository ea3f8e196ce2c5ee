import { renderSummary, gauge } from '../../src/report/markdown.js';
import { REPORT_VERSION, type RunReport } from '../../src/report/types.js';
import { disk } from './helpers.js';

const inv = { images: 9, danglingImages: 2, imageBytes: 1e9, containers: 4, runningContainers: 1, services: 2, volumes: 3, networks: 4, buildCacheBytes: 0 };
const base: RunReport = {
  version: REPORT_VERSION, tool: 'ci-docker-prune', mode: 'prune', dryRun: false, startedAt: '2026-11-22T14:00:00.000Z', durationMs: 812,
  daemon: { serverVersion: '20.10.24', rootDir: '/var/lib/docker', driver: 'overlay2', swarm: 'manager', hostname: 'ci-1', nodeId: 'n0de1d', managerHost: undefined },
  disk: { before: disk(86), after: disk(71), filesystems: [disk(71)] }, inventory: { before: inv, after: { ...inv, images: 7, danglingImages: 0 } },
  gate: 'open', gates: [{ name: 'disk', open: true, detail: '86% used ≥ threshold 80%' }, { name: 'stacks', open: true, detail: 'no service matches x|y' }],
  planned: [], removed: [{ kind: 'image', id: 'sha256:1', label: 'app@sha256:abc', bytes: 40_000_000 }],
  reclaimed: { containers: 0, images: 40_000_000, buildCache: 0, evicted: 0, total: 40_000_000 }, pruned: true, stopped: undefined,
  kept: [{ id: 'sha256:k', label: 'mariadb:10.11', bytes: 300_000_000, reason: 'keep' }, { id: 'sha256:w', label: 'redis:7', bytes: 20_000_000, reason: 'keep-warm' }, { id: 'sha256:w2', label: 'nginx:1.27', bytes: 30_000_000, reason: 'keep-warm' }],
  warnings: ['service crash looks stuck'], errors: [], dockerCalls: 17, job: undefined,
};

test('the summary says the outcome in its title, then disk before/after, gates, removals, warnings', () => {
  const md = renderSummary(base);
  expect(md.split('\n')[0]).toBe('### ci-docker-prune · prune · pruned, 40.0 MB reclaimed');
  expect(md).toContain('| disk (/var/lib/docker) | `█████████░` 86% | `███████░░░` 71% |');
  expect(md).toContain('| images | 9 (2 dangling) | 7 (0 dangling) |');
  expect(md).toContain('| stacks | ✅ open | no service matches x\\|y |'); // pipes escaped
  expect(md).toContain('| image | app@sha256:abc | 40.0 MB |  |');
  expect(md).toContain('> ⚠️ service crash looks stuck');
  // each warning and error its own blockquote: a blank line between them
  expect(renderSummary({ ...base, warnings: ['a', 'b'], errors: ['c'] })).toContain('> ⚠️ a\n\n> ⚠️ b\n\n> ❌ c\n');
  // the stack pattern's underscores stay text (no italics)
  expect(renderSummary({ ...base, gates: [{ name: 'stacks', open: true, detail: 'no service matches ^[a-z0-9]{1,4}-[0-9a-f]{6}_ci_commoninternet_net_' }] }))
    .toContain('no service matches ^\\[a-z0-9\\]\\{1,4\\}-\\[0-9a-f\\]\\{6\\}\\_ci\\_commoninternet\\_net\\_ |');
  expect(md).toContain('| keep-warm | 2 | 50.0 MB |');
  expect(md).toContain('| keep | 1 | 300 MB |');
});

test('a run whose gates stayed closed counted its images, not listed them: the count alone, no dangling figure', () => {
  const counted = { ...inv, images: 305, danglingImages: undefined, imageBytes: undefined };
  const md = renderSummary({ ...base, gate: 'disk', pruned: false, removed: [], inventory: { before: counted, after: undefined } });
  expect(md).toContain('| images | 305 | — |');
});

test('the headline: failure first, then an eviction during the job, then what was removed, then why nothing was', () => {
  const title = (over: Partial<RunReport>) => renderSummary({ ...base, ...over }).split('\n')[0];
  expect(title({ gate: 'stacks', pruned: false, removed: [] })).toBe('### ci-docker-prune · prune · keeping local image cache (gate stacks closed)');
  expect(title({ errors: ['docker image prune timed out', 'x'] })).toBe('### ci-docker-prune · prune · ❌ failed: docker image prune timed out (+1 more), 40.0 MB reclaimed');
  const job = { images: [], cold: [], registries: [], mirrors: [], evicted: [{ id: 'sha256:a', tags: ['nginx:1.27'] }], leaks: {} };
  expect(title({ mode: 'post', pruned: false, gate: 'open', job })).toBe('### ci-docker-prune · post · ⚠️ 1 image evicted during the job');
  expect(title({ mode: 'post', pruned: false, gate: 'open', job, errors: ['evicted during the job: nginx:1.27'] })).toMatch(/· ❌ failed: evicted during the job/);
  const warm = { ...job, evicted: [], images: [{ ref: 'a', warm: true, id: undefined, digest: undefined, downloadBytes: undefined, pull: undefined }] };
  expect(title({ mode: 'pre', pruned: false, gate: 'not-evaluated', gates: [], job: warm })).toBe('### ci-docker-prune · pre · warm 1/1, no prune needed');
  expect(title({ pruned: false, removed: [] })).toBe('### ci-docker-prune · prune · all gates open, nothing old enough to remove');
});

test('a teardown leak leads the headline: the leftover run-app service is what holds every later prune', () => {
  const title = (over: Partial<RunReport>) => renderSummary({ ...base, ...over }).split('\n')[0];
  const leaks = { volumes: ['abcd-1a2b3c_ci_commoninternet_net_db'], services: ['abcd-1a2b3c_ci_commoninternet_net_app'] };
  const job = { images: [], cold: [], registries: [], mirrors: [], evicted: [], leaks };
  expect(title({ mode: 'post', pruned: false, removed: [], gate: 'stacks', job }))
    .toBe('### ci-docker-prune · post · ⚠️ teardown leak: 1 service, 1 volume left behind (abcd-1a2b3c\\_ci\\_commoninternet\\_net\\_app): it holds every later prune on this host (gate stacks closed)');
  // a leaked volume alone holds no gate; an eviction during the job is said beside it
  const both = { ...job, leaks: { volumes: ['x_db'] }, evicted: [{ id: 'sha256:a', tags: ['nginx:1.27'] }] };
  expect(title({ mode: 'post', pruned: false, removed: [], gate: 'disk', job: both })).toBe('### ci-docker-prune · post · ⚠️ teardown leak: 1 volume left behind; 1 image evicted during the job');
  // a failure still comes first
  expect(title({ mode: 'post', gate: 'stacks', job, errors: ['x'] })).toMatch(/· ❌ failed: x/);
});

test('a dry run lists what would go, with why; docker\'s refusals are among the kept', () => {
  const dry = renderSummary({ ...base, dryRun: true, pruned: false, removed: [], planned: [{ kind: 'container', id: 'c', label: 'old-job', bytes: 0, reason: 'exited' }] });
  expect(dry).toContain('**Would remove**');
  expect(dry).toContain('| container | old-job |  | exited |');
  const refused = renderSummary({ ...base, kept: [{ id: 'sha256:x', label: 'a:1', bytes: 1e6, reason: 'docker refused to remove it' }] });
  expect(refused).toContain('| docker refused to remove it | 1 | 1.00 MB |');
});

test('warm/cold table, evictions and leaks for job steps', () => {
  const md = renderSummary({ ...base, mode: 'pre', job: {
    images: [
      { ref: 'redis:7', warm: true, id: 'sha256:r', digest: undefined, downloadBytes: undefined, pull: { ms: 45, layersDownloaded: 0, layersReused: 0, upToDate: true } },
      { ref: 'nginx:1.27', warm: true, id: 'sha256:n', digest: undefined, downloadBytes: undefined, pull: { ms: 300, layersDownloaded: 1, layersReused: 0, upToDate: false } },
      { ref: 'keycloak:25', warm: false, id: undefined, digest: undefined, downloadBytes: 250_000_000, pull: undefined },
    ],
    cold: ['keycloak:25'], registries: [], mirrors: [], evicted: [{ id: `sha256:${'a'.repeat(64)}`, tags: ['nginx:1.27'] }], leaks: { volumes: ['x_db'] },
  } });
  expect(md).toContain('**Images the job needs: warm 2/3**');
  expect(md).toContain('| nginx:1.27 | 🔥 warm |  | 300 ms, 1 layer |');
  expect(md).toContain('| redis:7 | 🔥 warm |  | 45 ms, manifest only |');
  expect(md).toContain('| keycloak:25 | 🧊 cold | 250 MB |  |');
  expect(md).toContain('- nginx:1.27 (`aaaaaaaaaaaa`)');
  expect(md).toContain('- volumes: x\\_db'); // escaped: renders as x_db
  expect(gauge(undefined)).toBe('unknown');
});

test('a warm run: its outcome in the headline, one row per reference of the warm set; a skipped one says why; several filesystems name the fullest', () => {
  const warm: RunReport = {
    ...base, mode: 'warm', pruned: false, removed: [], reclaimed: { containers: 0, images: 0, buildCache: 0, evicted: 0, total: 0 }, kept: [], warnings: [],
    warm: {
      budgetBytes: 200_000_000, grewBytes: 42_000_000, skipped: undefined, items: [
        { ref: 'redis:7', why: 'asked for by 3 job(s), last 2h ago', state: 'pulled', local: true, bytes: 20_000_000, ms: 900 },
        { ref: 'mariadb:10.11', why: 'named by warm-images', state: 'pulled', local: false, bytes: 30_000_000, ms: 1500 },
        { ref: 'nginx:1.27', why: 'asked for by 2 job(s), last 1d ago', state: 'current', local: true },
        { ref: 'gone:1', why: 'asked for by 2 job(s), last 3d ago', state: 'gone', local: true, detail: 'no such manifest' },
        { ref: 'big:1', why: 'asked for by 2 job(s), last 6d ago', state: 'over-budget', local: false, bytes: 900_000_000 },
      ],
      oneOffs: ['once:1', 'twice-removed:2'],
    },
  };
  const md = renderSummary(warm);
  expect(md.split('\n')[0]).toBe('### ci-docker-prune · warm · warmed 2 images (42.0 MB on disk) · 1 moved upstream · 1 already current · 1 gone upstream · 1 left out by the budget · 2 asked for once, left out');
  expect(md).toContain('**The warm set** (room: 200 MB)');
  expect(md).toContain('| gone:1 | ⚠️ gone upstream: no such manifest |  | asked for by 2 job\\(s\\), last 3d ago |');
  expect(md).toContain('| big:1 | − over budget | 900 MB |');
  const skipped = renderSummary({ ...warm, warm: { budgetBytes: 0, grewBytes: 0, items: [], skipped: 'no room under the target: 78% used on /var/lib/docker, target 70%', oneOffs: [] } });
  expect(skipped.split('\n')[0]).toBe('### ci-docker-prune · warm · not warming: no room under the target: 78% used on /var/lib/docker, target 70%');
  // the image store on two filesystems: the row names the fullest and what it holds
  const two = renderSummary({ ...base, disk: { ...base.disk, filesystems: [disk(40), { ...disk(71), path: '/var/lib/containerd', holds: 'containerd root' }], after: { ...disk(71), path: '/var/lib/containerd', holds: 'containerd root' } } });
  expect(two).toContain('| disk (/var/lib/containerd, containerd root, the fullest of 2) |');
});
