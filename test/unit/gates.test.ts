import { evaluateGates, matchesStack } from '../../src/gates/gates.js';
import { parseConfig, type Config } from '../../src/inputs/config.js';
import { watermarks } from '../../src/plan/goal.js';
import { capturedSnapshot, disk, svc } from './helpers.js';

// the nightly's rules: the config's watermarks as the goal
const rulesOf = (c: Config) => ({ ...c, goal: watermarks(c) });
const config = rulesOf(parseConfig({}, 'prune'));
const NOW = Date.parse('2026-11-22T14:00:00Z');
const MIN = 60_000;

const quiet = (over = {}) => ({ swarm: { state: 'active', manager: true }, services: [svc('traefik_app')], servicesError: undefined, disk: disk(85), diskError: undefined, ...over });

describe('gates', () => {
  test('all open on a full disk with no stack and settled services', () => {
    const v = evaluateGates(quiet(), config, NOW);
    expect(v.open).toBe(true);
    expect(v.gate).toBe('open');
    expect(v.gates.map((g) => g.name)).toEqual(['swarm-role', 'disk', 'stacks', 'converging']);
  });

  test('disk: below threshold closes; inodes count when higher; exactly at threshold opens', () => {
    expect(evaluateGates(quiet({ disk: disk(79.9) }), config, NOW).gate).toBe('disk');
    expect(evaluateGates(quiet({ disk: disk(80) }), config, NOW).open).toBe(true);
    const inodes = evaluateGates(quiet({ disk: disk(10, 92) }), config, NOW);
    expect(inodes.open).toBe(true);
    expect(inodes.gates[1]!.detail).toMatch(/92% used \(inodes/);
  });

  test('swarm-role with manager-host: open when the manager answered for this node, else closed with its reason', () => {
    const worker = { state: 'active', manager: false, nodeId: 'w1', managerHost: 'ssh://ci@m' };
    const open = evaluateGates(quiet({ swarm: worker }), config, NOW);
    expect(open.gates[0]).toEqual({ name: 'swarm-role', open: true, detail: 'services read from the manager at ssh://ci@m' });
    const down = evaluateGates(quiet({ swarm: worker, services: undefined, servicesError: 'manager-host ssh://ci@m cannot answer: x' }), config, NOW);
    expect(down.gate).toBe('swarm-role');
    expect(down.gates[0]!.detail).toBe('manager-host ssh://ci@m cannot answer: x; failing closed');
    // the service gates fail closed with it: nothing can be known about live stacks
    expect(down.gates.find((g) => g.name === 'stacks')!.open).toBe(false);
    const alone = evaluateGates(quiet({ swarm: { state: 'active', manager: false }, services: undefined, servicesError: 'this node is a swarm worker' }), config, NOW);
    expect(alone.gates[0]!.detail).toMatch(/failing closed \(set manager-host to a manager's address, or run on a manager\)$/);
  });

  test('disk unknown (remote daemon) fails closed', () => {
    const v = evaluateGates(quiet({ disk: undefined, diskError: 'cannot measure /var/lib/docker from here' }), config, NOW);
    expect(v.gate).toBe('disk');
    expect(v.gates[1]!.detail).toMatch(/cannot measure.*failing closed/);
  });

  test('a live run-app stack closes the stacks gate, named in the detail', () => {
    const v = evaluateGates(quiet({ services: [svc('abcd-1a2b3c_ci_commoninternet_net_app')] }), config, NOW);
    expect(v.gate).toBe('stacks');
    expect(v.gates[2]!.detail).toContain('abcd-1a2b3c_ci_commoninternet_net_app');
  });

  test('stack pattern is anchored at the start of the service name', () => {
    expect(matchesStack('abcd-1a2b3c_ci_commoninternet_net_db', config.stackPattern)).toBe(true);
    expect(matchesStack('xabcd-1a2b3c_ci_commoninternet_net_db', /abcd-1a2b3c_/)).toBe(false);
    expect(matchesStack('abcde-1a2b3c_ci_commoninternet_net_db', config.stackPattern)).toBe(false);
  });

  test.each(['updating', 'paused', 'rollback_started', 'rollback_paused'])('update state %s is converging', (state) => {
    const v = evaluateGates(quiet({ services: [svc('web', { updateState: state, updatedMs: NOW - MIN })] }), config, NOW);
    expect(v.gate).toBe('converging');
  });

  test.each(['completed', 'rollback_completed', undefined])('update state %s with all tasks running is settled', (state) => {
    expect(evaluateGates(quiet({ services: [svc('web', { updateState: state })] }), config, NOW).open).toBe(true);
  });

  test('unmet replicas: converging while young, stuck (warned, not holding) after stuck-after', () => {
    const young = svc('web', { running: 0, desired: 1, updatedMs: NOW - 5 * MIN });
    const old = svc('crash', { running: 0, desired: 1, updatedMs: NOW - 31 * MIN });
    expect(evaluateGates(quiet({ services: [young] }), config, NOW).gate).toBe('converging');
    const v = evaluateGates(quiet({ services: [old] }), config, NOW);
    expect(v.open).toBe(true);
    expect(v.stuck.map((s) => s.name)).toEqual(['crash']);
    // stuck-after 0: every unmet service holds the gate, however old
    const strict = rulesOf(parseConfig({ 'stuck-after': '0' }, 'prune'));
    expect(evaluateGates(quiet({ services: [old] }), strict, NOW).gate).toBe('converging');
  });

  test('swarm worker: service gates fail closed with a message saying so', () => {
    const v = evaluateGates(quiet({ swarm: { state: 'active', manager: false }, services: undefined, servicesError: 'this node is a swarm worker, not a manager: services cannot be listed here' }), config, NOW);
    expect(v.open).toBe(false);
    expect(v.gate).toBe('swarm-role');
    expect(v.gates[0]!.detail).toMatch(/worker.*failing closed/);
    expect(v.gates.filter((g) => !g.open).map((g) => g.name)).toEqual(['swarm-role', 'stacks', 'converging']);
  });

  test('swarm not initialised: no services can be live, service gates open', () => {
    expect(evaluateGates(quiet({ swarm: { state: 'inactive', manager: false }, services: [] }), config, NOW).open).toBe(true);
  });

  test('on the captured engine state the live app stack holds the prune', () => {
    const snap = capturedSnapshot();
    const v = evaluateGates(snap, config, NOW);
    expect(v.gate).toBe('stacks');
  });
});
