import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { markNeeded, neededIds, releaseMark, touchUsed, updateLedger } from '../../src/ledger/ledger.js';
import { imagesInUse } from '../../src/snapshot/references.js';
import { parseLedger } from '../../src/ledger/parse.js';
import { loadLedger, saveLedger } from '../../src/ledger/store.js';
import { capturedSnapshot } from './helpers.js';

const NOW = Date.parse('2026-11-22T14:00:00Z');

describe('ledger', () => {
  const snap = capturedSnapshot();

  test('a fresh ledger marks every image first seen and used now', () => {
    const l = updateLedger(undefined, snap, NOW);
    expect(Object.keys(l.images).sort()).toEqual(snap.images.map((i) => i.id).sort());
    for (const e of Object.values(l.images)) expect(e).toEqual({ firstSeenMs: NOW, lastUsedMs: NOW });
  });

  test('a look without the image list touches only what containers use, and reports "unchanged" when it changes nothing', () => {
    const used = snap.containers[0]!.imageId;
    const prev = { version: 1 as const, images: { [used]: { firstSeenMs: 1, lastUsedMs: 2 }, 'sha256:other': { firstSeenMs: 1, lastUsedMs: 2 } } };
    const l = touchUsed(prev, snap.containers, NOW)!;
    expect(l.images).toEqual({ [used]: { firstSeenMs: 1, lastUsedMs: NOW }, 'sha256:other': { firstSeenMs: 1, lastUsedMs: 2 } });
    expect(touchUsed(l, snap.containers, NOW)).toBeUndefined(); // nothing to write
    expect(touchUsed({ ...l, marks: { job: { refs: ['a:1'], untilMs: NOW - 1 } } }, snap.containers, NOW)).toEqual({ ...l, marks: {} });
  });

  test('in-use images (containers, service specs incl. digests and previous spec) are used now; others keep their time; gone ones drop', () => {
    const inUse = imagesInUse(snap);
    const base = snap.images.find((i) => i.tags.includes('base:1'))!;
    expect(inUse.has(base.id)).toBe(true); // c1 and the app service use it
    const prev = { version: 1 as const, images: Object.fromEntries(snap.images.map((i) => [i.id, { firstSeenMs: 1, lastUsedMs: 2 }])) };
    prev.images['sha256:gone'] = { firstSeenMs: 1, lastUsedMs: 2 };
    const l = updateLedger(prev, snap, NOW);
    expect(l.images['sha256:gone']).toBeUndefined();
    for (const i of snap.images) expect(l.images[i.id]).toEqual(inUse.has(i.id) ? { firstSeenMs: 1, lastUsedMs: NOW } : { firstSeenMs: 1, lastUsedMs: 2 });
  });

  test('images a job needs count as used now, even with no container using them', () => {
    const unused = snap.images.find((i) => !imagesInUse(snap).has(i.id))!;
    const prev = { version: 1 as const, images: { [unused.id]: { firstSeenMs: 1, lastUsedMs: 2 } } };
    expect(updateLedger(prev, snap, NOW).images[unused.id]).toEqual({ firstSeenMs: 1, lastUsedMs: 2 });
    expect(updateLedger(prev, snap, NOW, [unused.id]).images[unused.id]).toEqual({ firstSeenMs: 1, lastUsedMs: NOW });
  });

  test('a new image in an existing ledger arrived at its LastTagTime', () => {
    const img = { ...snap.images[0]!, id: `sha256:${'e'.repeat(64)}`, lastTagMs: NOW - 5000 };
    const l = updateLedger({ version: 1, images: {} }, { images: [img], containers: [], services: [] }, NOW);
    expect(l.images[img.id]).toEqual({ firstSeenMs: NOW - 5000, lastUsedMs: NOW - 5000 });
  });

  test("a job's mark holds until its post step releases it or it expires; another job's mark is untouched", () => {
    const img = snap.images.find((i) => i.tags.length > 0)!;
    let l = markNeeded(updateLedger(undefined, snap, NOW), 'job-a', [img.tags[0]!], NOW + 3_600_000);
    l = markNeeded(l, 'job-b', [img.tags[0]!], NOW + 7_200_000);
    expect(neededIds(l, snap.images, NOW).has(img.id)).toBe(true);
    expect(neededIds(releaseMark(l, 'job-b'), snap.images, NOW).has(img.id)).toBe(true); // job-a still runs
    expect(neededIds(releaseMark(releaseMark(l, 'job-b'), 'job-a'), snap.images, NOW).has(img.id)).toBe(false);
    expect(Object.keys(updateLedger(l, snap, NOW + 5_000_000).marks!)).toEqual(['job-b']); // job-a's expired
    // 0.1.0's per-reference marks are read as marks until they expire
    const old = parseLedger(JSON.stringify({ version: 1, images: {}, needed: { [img.tags[0]!]: NOW + 1000 } })).ledger!;
    expect(neededIds(old, snap.images, NOW).has(img.id)).toBe(true);
    expect(neededIds(old, snap.images, NOW + 2000).has(img.id)).toBe(false);
  });

  test('corrupt or foreign-version text is rebuilt with a warning', () => {
    expect(parseLedger('{not json').warning).toMatch(/corrupt.*rebuilt/);
    expect(parseLedger('{"version":2,"images":{}}').warning).toMatch(/version 2, expected 1/);
    expect(parseLedger('{"version":1,"images":{"a":{"firstSeenMs":1}}}').ledger).toBeUndefined();
    expect(parseLedger('{"version":1,"images":{}}')).toEqual({ ledger: { version: 1, images: {}, marks: {} }, warning: undefined });
  });
});

describe('ledger store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cdp-ledger-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('round trip, atomic, private', async () => {
    expect((await loadLedger(dir)).warning).toMatch(/no usage ledger yet/);
    const l = { version: 1 as const, images: { a: { firstSeenMs: 1, lastUsedMs: 2 } } };
    expect(await saveLedger(dir, l)).toEqual({ ok: true });
    expect((await loadLedger(dir)).ledger).toEqual({ ...l, marks: {} });
    expect(readdirSync(dir)).toEqual(['ledger.json']);
    expect(JSON.parse(readFileSync(join(dir, 'ledger.json'), 'utf8'))).toEqual(l);
    // shared with the group (a runner user), never readable by others
    expect(statSync(join(dir, 'ledger.json')).mode & 0o777).toBe(0o660);
  });

  test('a write that cannot happen returns an error instead of throwing, and leaves no temp file', async () => {
    writeFileSync(join(dir, 'file'), 'x');
    const r = await saveLedger(join(dir, 'file', 'sub'), { version: 1, images: {} });
    expect(r).toEqual({ ok: false, error: expect.stringMatching(/ENOTDIR|EEXIST/) });
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('job state outside Actions', () => {
  test('a cancelled pipeline\'s state file is removed after two days; a live one stays', async () => {
    const { saveJobStateFile, loadJobStateFile } = await import('../../src/modes/job-state.js');
    const dir = mkdtempSync(join(tmpdir(), 'cdp-jobs-'));
    try {
      const state = { takenAtMs: 1, images: [], services: [], networks: [], volumes: [], secrets: [], configs: [] };
      await saveJobStateFile(dir, 'cancelled-7', state);
      const old = (Date.now() - 3 * 86_400_000) / 1000;
      utimesSync(join(dir, 'jobs', 'cancelled-7.json'), old, old);
      await saveJobStateFile(dir, 'running-8', state);
      expect(readdirSync(join(dir, 'jobs'))).toEqual(['running-8.json']);
      expect(await loadJobStateFile(dir, 'running-8')).toEqual(state);
      expect(statSync(dir).mode & 0o007).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
