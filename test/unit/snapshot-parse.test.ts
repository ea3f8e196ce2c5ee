import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ImageInspect } from '../../src/docker/schemas.js';
import { planPrune } from '../../src/plan/prune-plan.js';
import { toImage } from '../../src/docker/cli-reader.js';
import { captured } from './helpers.js';

describe('docker JSON captured from a real 20.10 engine parses into the snapshot', () => {
  test('info: root dir, swarm manager', () => {
    const info = captured.info();
    expect(info.ServerVersion).toMatch(/^20\.10/);
    expect(info.DockerRootDir).toMatch(/\/docker$/);
    expect(info.Swarm?.LocalNodeState).toBe('active');
    expect(info.Swarm?.ControlAvailable).toBe(true);
  });

  test('images: tags, dangling, exact byte sizes, created', () => {
    const images = captured.images();
    const base = images.find((i) => i.tags.includes('base:1'))!;
    expect(base.tags).toEqual(expect.arrayContaining(['base:1', 'base:alias']));
    expect(base.dangling).toBe(false);
    expect(Number.isInteger(base.sizeBytes) && base.sizeBytes > 1_000_000).toBe(true);
    expect(base.createdMs).toBeGreaterThan(Date.parse('2026-01-01'));
    expect(base.lastTagMs).toBeGreaterThanOrEqual(base.createdMs);
    const dangling = images.filter((i) => i.dangling);
    expect(dangling.length).toBe(1);
    expect(dangling[0]!.tags).toEqual([]);
  });

  test('an image without a creation time (the containerd store omits it), a zero time, digest-only references: no crash', () => {
    const raw = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'engine-20.10', 'image-inspect.json'), 'utf8')) as Record<string, unknown>[];
    const noCreated: Record<string, unknown> = { ...raw[0]!, RepoTags: [], RepoDigests: [`app@sha256:${'b'.repeat(64)}`] };
    delete noCreated.Created;
    const zero = { ...raw[0]!, Created: '0001-01-01T00:00:00Z', Metadata: { LastTagTime: '0001-01-01T00:00:00Z' } };
    const parsed = ImageInspect.parse([noCreated, zero]).map(toImage);
    expect(Number.isNaN(parsed[0]!.createdMs)).toBe(true);
    expect(parsed[0]!.digests).toEqual([`app@sha256:${'b'.repeat(64)}`]);
    expect(Number.isNaN(parsed[1]!.createdMs)).toBe(true);
    expect(parsed[1]!.lastTagMs).toBeUndefined();
    // never planned as "older than until" (Docker's own filter decides at prune time)
    expect(planPrune({ images: parsed, containers: [], buildCacheBytes: 0 }, 1000, Date.now())).toEqual([]);
  });

  test('containers: every state, image id resolved, swarm service label', () => {
    const containers = captured.containers();
    expect([...new Set(containers.map((c) => c.state))].sort()).toEqual(['created', 'exited', 'running']);
    expect(containers.every((c) => /^sha256:[0-9a-f]{64}$/.test(c.imageId))).toBe(true);
    expect(containers.find((c) => c.name === 'c1')).toMatchObject({ state: 'created', service: undefined, imageRef: 'base:1' });
    expect(containers.some((c) => c.service === 'abcd-1a2b3c_ci_commoninternet_net_app' && c.state === 'running')).toBe(true);
  });

  test('services: replicas, current and previous image, update times', () => {
    const services = captured.services();
    const app = services.find((s) => s.name === 'abcd-1a2b3c_ci_commoninternet_net_app')!;
    expect(app).toMatchObject({ running: 1, desired: 1, mode: 'replicated', image: 'base:1' });
    const crash = services.find((s) => s.name === 'crash')!;
    expect(crash).toMatchObject({ running: 0, desired: 1, image: 'built:1' });
    expect(crash.previousImage).toBeDefined();
    expect(crash.updatedMs).toBeGreaterThanOrEqual(crash.createdMs);
  });
});
