/** Builds Snapshot values for pure tests from JSON captured on a real 20.10 engine. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as S from '../../src/docker/schemas.js';
import { toContainer, toImage, toServices } from '../../src/docker/cli-reader.js';
import type { Snapshot } from '../../src/snapshot/types.js';
import type { Disk, ServiceInfo } from '../../src/model/host.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'engine-20.10');
const read = (f: string): unknown => JSON.parse(readFileSync(join(dir, f), 'utf8'));
const readLines = (f: string): unknown[] => readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));

export const captured = {
  info: () => S.DockerInfo.parse(read('info.json')),
  images: () => S.ImageInspect.parse(read('image-inspect.json')).map(toImage),
  containers: () => S.ContainerInspect.parse(read('container-inspect.json')).map(toContainer),
  services: () => toServices(readLines('service-ls.jsonl').map((l) => S.ServiceLine.parse(l)), S.ServiceInspect.parse(read('service-inspect.json'))),
};

export function disk(usedPercent: number, inodesPercent = 1): Disk {
  const total = 1_000_000_000;
  return {
    path: '/var/lib/docker', totalBytes: total, usedBytes: usedPercent * total / 100, availBytes: (100 - usedPercent) * total / 100,
    bytesPercent: usedPercent, inodesTotal: 1000, inodesUsed: inodesPercent * 10, inodesPercent, usedPercent: Math.max(usedPercent, inodesPercent),
  };
}

export function svc(name: string, over: Partial<ServiceInfo> = {}): ServiceInfo {
  return {
    id: `id-${name}`, name, image: 'redis:7', previousImage: undefined, mode: 'replicated', running: 1, desired: 1,
    updateState: undefined, createdMs: 0, updatedMs: 0, ...over,
  };
}

/** A snapshot of the captured engine state with a chosen disk usage. */
export function capturedSnapshot(over: Partial<Snapshot> = {}): Snapshot {
  const info = captured.info();
  // one filesystem, the one measured, unless the test says otherwise
  const measured = 'disk' in over ? over.disk : disk(85);
  return {
    disks: measured ? [measured] : [],
    takenAtMs: Date.parse('2026-11-22T14:00:00Z'),
    daemon: { id: info.ID, serverVersion: info.ServerVersion, rootDir: info.DockerRootDir, driver: info.Driver, imageStore: 'classic', name: info.Name, os: info.OperatingSystem, mirrors: [], insecureRegistries: [], architecture: 'x86_64' },
    swarm: { state: 'active', manager: true },
    disk: disk(85),
    diskError: undefined,
    images: captured.images(),
    containers: captured.containers(),
    services: captured.services(),
    servicesError: undefined,
    volumes: ['v1'], networks: ['bridge', 'host', 'none', 'ingress'], secrets: [], configs: [],
    buildCacheBytes: 0, dockerCalls: 9, durationMs: 50,
    ...over,
  };
}
