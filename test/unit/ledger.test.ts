import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { markNeeded, neededIds, releaseMark, touchUsed, updateLedger } from '../../src/ledger/ledger.js';
import { imagesInUse } from '../../src/snapshot/references.js';
import { parseLedger } from '../../src/ledger/parse.js';
import { loadLedger, saveLedger } from '../../src/ledger/store.js';
import type { Ledger } from '../../src/ledger/ledger.js';
import { describeLedgerLoad } from '../../src/report/text.js';
import { capturedSnapshot } from './helpers.js';

const NOW = Date.parse('2026-11-22T14:00:00Z');
/** The ledger of an `ok` load (fails the test on any other kind). */
const loadedOk = (r: { kind: string; ledger?: Ledger }): Ledger => { expect(r.kind).toBe('ok'); return r.ledger!; };

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
    const old = loadedOk(parseLedger(JSON.stringify({ version: 1, images: {}, needed: { [img.tags[0]!]: NOW + 1000 } }), NOW));
    expect(neededIds(old, snap.images, NOW).has(img.id)).toBe(true);
    expect(neededIds(old, snap.images, NOW + 2000).has(img.id)).toBe(false);
  });

  test('corrupt or foreign-version text is rebuilt with a warning', () => {
    expect(describeLedgerLoad(parseLedger('{not json', NOW))).toMatch(/corrupt.*rebuilt/);
    expect(describeLedgerLoad(parseLedger('{"version":2,"images":{}}', NOW))).toMatch(/version 2, expected 1/);
    expect(parseLedger('{"version":1,"images":{"a":{"firstSeenMs":1}}}', NOW).kind).toBe('rebuilt');
    expect(parseLedger('{"version":1,"images":{}}', NOW)).toEqual({ kind: 'ok', ledger: { version: 1, images: {}, marks: {} }, dropped: undefined });
  });

  test('every time read from disk is checked: impossible ones are dropped with a warning, the rest kept', () => {
    const good = { firstSeenMs: NOW - 86_400_000, lastUsedMs: NOW - 3_600_000 };
    const text = JSON.stringify({
      version: 1,
      images: { good, huge: { ...good, lastUsedMs: 1e300 }, tiny: { ...good, lastUsedMs: -1e300 }, ancient: { ...good, firstSeenMs: 1 }, future: { ...good, lastUsedMs: NOW + 86_400_000 } },
      marks: { live: { refs: ['a:1'], untilMs: NOW + 3_600_000 }, year3000: { refs: ['a:1'], untilMs: Date.UTC(3000, 0, 1) }, inf: { refs: ['a:1'], untilMs: 1e300 } },
    });
    const r = parseLedger(text, NOW);
    expect(r).toEqual({ kind: 'ok', ledger: { version: 1, images: { good }, marks: { live: { refs: ['a:1'], untilMs: NOW + 3_600_000 } } }, dropped: { images: 4, marks: 2 } });
    expect(describeLedgerLoad(r)).toBe('the usage ledger held 4 image entries and 2 job marks with an impossible time (not a finite time since 2020, in the future, or a mark further ahead than a job\'s hold): dropped, the rest kept');
    // a plan over what is left cannot crash on a time (it did: RangeError: Invalid time value)
    expect(() => new Date(loadedOk(r).images.good!.lastUsedMs).toISOString()).not.toThrow();
    // a clock a little ahead (another host's) is not "the future"
    expect(parseLedger(JSON.stringify({ version: 1, images: { a: { ...good, lastUsedMs: NOW + 60_000 } } }), NOW).kind === 'ok').toBe(true);
  });
});

describe('ledger store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cdp-ledger-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('round trip, atomic, private', async () => {
    expect(await loadLedger(dir, NOW)).toEqual({ kind: 'missing' });
    const l = { version: 1 as const, images: { a: { firstSeenMs: NOW - 2, lastUsedMs: NOW - 1 } } };
    expect(await saveLedger(dir, l)).toEqual({ ok: true });
    expect(loadedOk(await loadLedger(dir, NOW))).toEqual({ ...l, marks: {} });
    expect(readdirSync(dir)).toEqual(['ledger.json']);
    expect(JSON.parse(readFileSync(join(dir, 'ledger.json'), 'utf8'))).toEqual(l);
    // shared with the group (a runner user), never readable by others
    expect(statSync(join(dir, 'ledger.json')).mode & 0o777).toBe(0o660);
  });

  test('a FIFO, a link or a directory in the ledger\'s place is refused at once, never opened for a blocking read', async () => {
    const fifo = mkdtempSync(join(dir, 'fifo-'));
    execFileSync('mkfifo', [join(fifo, 'ledger.json')]);
    const t0 = Date.now();
    const r = await loadLedger(fifo, NOW);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(r).toMatchObject({ kind: 'rebuilt', why: 'not-a-file' });
    expect(describeLedgerLoad(r)).toBe(`the usage ledger is refused (${join(fifo, 'ledger.json')} is a FIFO, not a regular file: not opened): rebuilt, every image counts as used now`);
    // and the save that follows replaces it with a regular file (rename replaces the entry)
    expect(await saveLedger(fifo, { version: 1, images: {} })).toEqual({ ok: true });
    expect(statSync(join(fifo, 'ledger.json')).isFile()).toBe(true);
    const link = mkdtempSync(join(dir, 'link-'));
    writeFileSync(join(link, 'elsewhere.json'), JSON.stringify({ version: 1, images: {} }));
    symlinkSync(join(link, 'elsewhere.json'), join(link, 'ledger.json'));
    expect(await loadLedger(link, NOW)).toMatchObject({ kind: 'rebuilt', why: 'not-a-file', detail: expect.stringMatching(/is a symbolic link: not followed/) });
    const sub = mkdtempSync(join(dir, 'dir-'));
    mkdirSync(join(sub, 'ledger.json'));
    expect(await loadLedger(sub, NOW)).toMatchObject({ kind: 'rebuilt', why: 'not-a-file', detail: expect.stringMatching(/is a directory/) });
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
