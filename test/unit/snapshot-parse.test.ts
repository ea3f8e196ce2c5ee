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
