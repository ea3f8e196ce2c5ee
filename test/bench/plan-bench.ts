/**
 * Planner benchmark: ledger update + LRU plan for 10,000 images, 2,000 containers and 200
 * services (pure code, no engine). Prints median and p95 of 50 runs.
 */
import { cpus } from 'node:os';
import { parseConfig } from '../../src/inputs/config.js';
import { updateLedger } from '../../src/ledger/ledger.js';
import { planEviction } from '../../src/plan/lru.js';
import { watermarks } from '../../src/plan/goal.js';
import type { ContainerInfo, ImageInfo, ServiceInfo } from '../../src/model/host.js';

const N = 10_000;
const NOW = Date.now();
const D = 86_400_000;
const id = (n: number) => `sha256:${n.toString(16).padStart(64, '0')}`;
const images: ImageInfo[] = Array.from({ length: N }, (_, i) => ({
  id: id(i), tags: [`recipe${i % 500}:${i}`], digests: [`recipe${i % 500}@sha256:${i.toString(16).padStart(64, 'a')}`], dangling: i % 50 === 0,
  sizeBytes: 50_000_000, createdMs: NOW - 400 * D, lastTagMs: NOW - (i % 90) * D,
}));
const containers: ContainerInfo[] = Array.from({ length: 2000 }, (_, i) => ({
  id: `c${i}`, name: `c${i}`, imageId: id(i * 5), imageRef: `recipe:${i}`, state: 'exited', createdMs: NOW, service: undefined,
}));
const services: ServiceInfo[] = Array.from({ length: 200 }, (_, i) => ({
  id: `s${i}`, name: `svc${i}`, image: `recipe${(i * 7) % 500}:${i * 7}@sha256:${'f'.repeat(64)}`, previousImage: `recipe${(i * 11) % 500}:${i * 11}`,
  mode: 'replicated', running: 1, desired: 1, updateState: undefined, createdMs: 0, updatedMs: 0,
}));
const old = updateLedger({ version: 1, images: {} }, { images, containers: [], services: [] }, NOW - 30 * D);
const uniqueBytes = new Map(images.map((i) => [i.id, 40_000_000]));
const config = parseConfig({ threshold: '80', target: '70' }, 'prune');
const disk = { usedBytes: 900e9, availBytes: 100e9, bytesPercent: 90 };

const times: number[] = [];
let evicted = 0;
for (let run = 0; run < 55; run++) {
  const t0 = performance.now();
  const ledger = updateLedger(old, { images, containers, services }, NOW);
  const plan = planEviction({ images, containers, services, ledger, disk, uniqueBytes, config, goal: watermarks(config), nowMs: NOW });
  const ms = performance.now() - t0;
  if (run >= 5) times.push(ms); // the first runs warm up the JIT
  evicted = plan.evict.length;
}
times.sort((a, b) => a - b);
process.stdout.write(`Planner (ledger update + LRU plan), ${N} images, 2000 containers, 200 services, ${evicted} planned evictions: ` +
  `median ${times[25]!.toFixed(1)} ms, p95 ${times[47]!.toFixed(1)} ms over 50 runs (${cpus()[0]?.model}, Node ${process.version})\n\n`);
