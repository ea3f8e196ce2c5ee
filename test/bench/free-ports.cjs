#!/usr/bin/env node
// Prints N distinct free TCP ports on 127.0.0.1, space-separated: `node free-ports.cjs N`.
// Why not listen(0): the kernel hands those out of the ephemeral range (32768-60999), the same
// range every outgoing connection (a pull, the registry proxy's upstream) takes its local port
// from, so a port picked now could be some socket's by the time dockerd or `swarm init` binds
// it (CI saw "bind: address already in use"). These come from below that range, chosen at
// random so engines started side by side rarely draw the same one, and all are held open
// together until the last is found, so the N are distinct.
'use strict';
const { createServer } = require('net');
const LOW = 20000, HIGH = 32768;
const want = Number(process.argv[2] || 1);
const held = [];
function tryOne(attempt) {
  if (held.length === want) {
    console.log(held.map((s) => s.address().port).join(' '));
    for (const s of held) s.close();
    return;
  }
  if (attempt > 500) { console.error('no free port in ' + LOW + '-' + (HIGH - 1)); process.exit(1); }
  const s = createServer();
  s.once('error', () => tryOne(attempt + 1));
  s.listen(LOW + Math.floor(Math.random() * (HIGH - LOW)), '127.0.0.1', () => { held.push(s); tryOne(attempt + 1); });
}
tryOne(0);
