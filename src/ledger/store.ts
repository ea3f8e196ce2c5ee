/** The ledger on disk: `<state-dir>/ledger.json`, written atomically (write, then rename). */
import { join } from 'node:path';
import { writeAtomic } from '../runtime/atomic-file.js';
import { readRegularFile } from '../runtime/safe-read.js';
import { STATE_DIR_MODE, STATE_FILE_MODE } from '../runtime/state-dir.js';
import type { Ledger } from './ledger.js';

export const ledgerPath = (stateDir: string): string => join(stateDir, 'ledger.json');

/** Far above a real host's ledger (10,000 images ≈ 1 MB): a bigger file is not ours to parse. */
export const MAX_LEDGER_BYTES = 16 << 20;

/** What loading the ledger found: a kind, phrased for the report by report/text.ts. */
export type LedgerLoad =
  | { kind: 'ok'; ledger: Ledger; dropped: { images: number; marks: number } | undefined }
  | { kind: 'missing' }
  | { kind: 'rebuilt'; why: 'not-json' | 'bad-shape' | 'too-big' | 'not-a-file' | 'unreadable'; detail: string };

export async function loadLedger(stateDir: string, nowMs: number): Promise<LedgerLoad> {
  // the size before the parse: a huge or garbage file must not cost gigabytes of memory; a
  // FIFO or a link in its place is refused without blocking or following it
  const read = await readRegularFile(ledgerPath(stateDir), MAX_LEDGER_BYTES);
  if (read.kind === 'missing') return read;
  if (read.kind === 'refused') return { kind: 'rebuilt', why: read.why === 'too-big' ? 'too-big' : read.why === 'unreadable' ? 'unreadable' : 'not-a-file', detail: read.detail };
  return (await import(/* webpackMode: "eager" */ './parse.js')).parseLedger(read.text, nowMs);
}

/** The ledger a load found, if it found one to trust. */
export const loadedLedger = (load: LedgerLoad): Ledger | undefined => (load.kind === 'ok' ? load.ledger : undefined);

/** Never throws: a full disk must not stop the prune that would free it. */
export async function saveLedger(stateDir: string, ledger: Ledger): Promise<{ ok: true } | { ok: false; error: string }> {
  try {
    await writeAtomic(ledgerPath(stateDir), JSON.stringify(ledger), STATE_FILE_MODE, STATE_DIR_MODE);
    return { ok: true };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}
