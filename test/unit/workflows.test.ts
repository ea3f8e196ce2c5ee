/** action.yml and the shipped workflows pass @action-validator/cli, and the dispatch form is wired. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO } from '../bench/paths.js';

const validator = join(REPO, 'node_modules', '.bin', 'action-validator');
const validate = (file: string) => spawnSync(validator, [file], { encoding: 'utf8' });
const workflows = readdirSync(join(REPO, '.github', 'workflows')).filter((f) => f.endsWith('.yml'));

test.each(workflows)('.github/workflows/%s is valid', (file) => {
  const r = validate(join(REPO, '.github', 'workflows', file));
  expect(r.error).toBeUndefined(); // the validator binary must be installed (npm ci)
  expect(r.stdout + r.stderr).not.toMatch(/"errors"/);
  expect(r.status).toBe(0);
});

test('action.yml is valid (node24 checked separately: validator 0.6.0 predates it)', () => {
  const text = readFileSync(join(REPO, 'action.yml'), 'utf8');
  expect((parse(text) as { runs: { using: string } }).runs.using).toBe('node24');
  const dir = mkdtempSync(join(tmpdir(), 'cdp-action-'));
  try {
    writeFileSync(join(dir, 'action.yml'), text.replace('using: node24', 'using: node20'));
    const r = validate(join(dir, 'action.yml'));
    expect(r.stdout + r.stderr).not.toMatch(/"errors"/);
    expect(r.status).toBe(0);
    // and it does reject a broken action (the check is real)
    writeFileSync(join(dir, 'action.yml'), text.replace('using: node24', 'using: node20').replace('main: dist/index.js', 'mian: dist/index.js'));
    expect(validate(join(dir, 'action.yml')).status).not.toBe(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the dispatch workflow passes mode, dry-run and threshold to the action', () => {
  const wf = parse(readFileSync(join(REPO, '.github', 'workflows', 'prune-dispatch.yml'), 'utf8')) as {
    on: { workflow_dispatch: { inputs: Record<string, { type: string; default: unknown }> } };
    jobs: { prune: { steps: { uses?: string; with?: Record<string, string> }[] } };
  };
  expect(Object.keys(wf.on.workflow_dispatch.inputs)).toEqual(['mode', 'dry-run', 'threshold']);
  expect(wf.on.workflow_dispatch.inputs['dry-run']).toMatchObject({ type: 'boolean', default: true });
  const step = wf.jobs.prune.steps.find((s) => s.uses === './')!;
  expect(step.with).toMatchObject({ mode: '${{ inputs.mode }}', 'dry-run': '${{ inputs.dry-run }}', threshold: '${{ inputs.threshold }}' });
});
