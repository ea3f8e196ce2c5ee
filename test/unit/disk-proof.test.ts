/**
 * The proof that DockerRootDir as seen from here is the daemon's storage (snapshot/disk.ts):
 * the image list is asked for only when neither an engine-id nor a container proves it, so a
 * look that does not list images (a closed-gate run) lists them for the proof only on an old
 * engine with no container.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unprovenRoot, type DaemonFacts } from '../../src/snapshot/disk.js';

const IMAGE = `sha256:${'a'.repeat(64)}`;
const CONTAINER = 'c'.repeat(64);
let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'cdp-root-'));
  mkdirSync(join(root, 'containers'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function facts(containerIds: string[], imageIds: string[]): { facts: DaemonFacts; imageListings: () => number } {
  let listings = 0;
  const f: DaemonFacts = { rootDir: root, engineId: 'ENGINE-1', driver: 'overlay2', containerIds, imageIds: () => { listings++; return Promise.resolve(imageIds); } };
  return { facts: f, imageListings: () => listings };
}

test('an engine-id naming this engine proves it; the images are not asked for', async () => {
  writeFileSync(join(root, 'engine-id'), 'ENGINE-1\n');
  const { facts: f, imageListings } = facts([], [IMAGE]);
  expect(await unprovenRoot(f)).toBeUndefined();
  expect(imageListings()).toBe(0);
});

test('an engine-id naming another engine disproves it', async () => {
  writeFileSync(join(root, 'engine-id'), 'ENGINE-2\n');
  expect(await unprovenRoot(facts([CONTAINER], [IMAGE]).facts)).toMatch(/engine-id here names another engine \(ENGINE-2\)/);
});

test('without an engine-id (Docker 20.10) a container directory proves it; the images are not asked for', async () => {
  mkdirSync(join(root, 'containers', CONTAINER));
  const { facts: f, imageListings } = facts([CONTAINER], [IMAGE]);
  expect(await unprovenRoot(f)).toBeUndefined();
  expect(imageListings()).toBe(0);
});

test('without an engine-id or a container, the image store proves it, the images asked for once', async () => {
  mkdirSync(join(root, 'image', 'overlay2', 'imagedb', 'content', 'sha256'), { recursive: true });
  writeFileSync(join(root, 'image', 'overlay2', 'imagedb', 'content', 'sha256', 'a'.repeat(64)), '{}');
  const { facts: f, imageListings } = facts([], [IMAGE]);
  expect(await unprovenRoot(f)).toBeUndefined();
  expect(imageListings()).toBe(1);
});

test('an engine with nothing proves it by its layout alone; one whose files are elsewhere is not proved', async () => {
  expect(await unprovenRoot(facts([], []).facts)).toBeUndefined();
  expect(await unprovenRoot(facts([CONTAINER], [IMAGE]).facts))
    .toMatch(/none of the files the daemon keeps for its 1 images and 1 containers is under/);
});
