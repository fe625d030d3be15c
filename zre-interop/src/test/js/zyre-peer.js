#!/usr/bin/env node
/*
 * A zyre.js 1.3.0 peer for the interoperability suite, speaking the same JSON-lines protocol as
 * `zre --json` (see ../../../../zre-cli/README.md):
 *   stdout: one JSON object per line per event: READY, ENTER, EXIT, JOIN, LEAVE, SHOUT, WHISPER, STOP,
 *           and one reply per command: OK, ERROR, PEERS, INFO (with the command's "id" when it had one).
 *   stdin:  one JSON command per line: join, leave, shout, whisper (text | base64 | frames), peers, info, quit,
 *           and the driver-only burst ({"cmd":"burst","peer":UUID,"count":N}: whispers "0".."N-1").
 *   zyre.js has no EVASIVE/SILENT events, so this peer never prints them.
 *
 * Options: --name N, --interface IFACE|IPv4 (required: there is no "auto" here), --port BEACON_PORT,
 *          --header k=v (repeatable), --evasive MS, --expired MS, --beacon-interval MS.
 *
 * Safety: refuses to start unless the chosen interface's IPv4 address is in 198.18.0.0/15 (the
 * benchmarking range the suite's network namespaces use) or on loopback, so it can never beacon
 * onto a real network.
 */
'use strict';

const readline = require('readline');
const Zyre = require('zyre.js');
const ZHelper = require('zyre.js/lib/zhelper');

function parseArgs(argv) {
  const opts = { headers: {} };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) fail(`missing value for ${arg}`);
      i += 1;
      return argv[i];
    };
    switch (arg) {
      case '--json': break; // always JSON; accepted for symmetry with the CLI
      case '--name': opts.name = value(); break;
      case '--interface': opts.iface = value(); break;
      case '--port': opts.bport = Number(value()); break;
      case '--evasive': opts.evasive = Number(value()); break;
      case '--expired': opts.expired = Number(value()); break;
      case '--beacon-interval': opts.binterval = Number(value()); break;
      case '--header': {
        const kv = value();
        const eq = kv.indexOf('=');
        if (eq <= 0) fail(`--header needs key=value, got ${kv}`);
        opts.headers[kv.slice(0, eq)] = kv.slice(eq + 1);
        break;
      }
      default: fail(`unknown option ${arg}`);
    }
  }
  if (!opts.iface) fail('--interface is required (name or IPv4 address)');
  return opts;
}

function out(obj) {
  process.stdout.write(`${JSON.stringify(obj)}\n`);
}

function fail(message) {
  process.stderr.write(`zyre-peer: ${message}\n`);
  process.exit(2);
}

function inTestRange(address) {
  const [a, b] = address.split('.').map(Number);
  return (a === 198 && (b === 18 || b === 19)) || a === 127;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Content as the CLI reports it: "text" when the (first) frame is valid UTF-8, "frames" with every frame
 * in base64. zyre.js hands its application exactly one frame, so "frames" always has one element.
 */
function content(buffer) {
  const obj = {};
  try {
    obj.text = strictUtf8.decode(buffer);
  } catch (e) {
    // binary: no "text"
  }
  obj.frames = [buffer.toString('base64')];
  return obj;
}

/** Exactly one of "text", "base64" or "frames" (zyre.js can send only one frame). */
function payload(cmd) {
  const given = ['text', 'base64', 'frames'].filter((k) => cmd[k] !== undefined);
  if (given.length !== 1) throw new Error('give exactly one of "text", "base64" or "frames"');
  if (typeof cmd.text === 'string') return Buffer.from(cmd.text, 'utf8');
  if (typeof cmd.base64 === 'string') return Buffer.from(cmd.base64, 'base64');
  if (Array.isArray(cmd.frames) && cmd.frames.length === 1) return Buffer.from(cmd.frames[0], 'base64');
  throw new Error('zyre.js sends exactly one content frame per message');
}

const opts = parseArgs(process.argv.slice(2));
const ifData = ZHelper.getIfData(opts.iface);
if (!ifData) fail(`no IPv4 interface or address ${opts.iface}`);
if (!inTestRange(ifData.address)) {
  fail(`refusing to run on ${opts.iface} (${ifData.address}): only 198.18.0.0/15 or loopback`);
}

const zyre = new Zyre({
  name: opts.name,
  iface: opts.iface,
  headers: opts.headers,
  evasive: opts.evasive,
  expired: opts.expired,
  bport: opts.bport,
  binterval: opts.binterval,
});
zyre.setEncoding('raw');

// Why zyre.js disconnected a peer, which it does not say: note sequence errors before it acts on them.
const dropped = new Map();
const ZyrePeer = require('zyre.js/lib/zyre_peer');

const setSequence = ZyrePeer.prototype._setSequence;
ZyrePeer.prototype._setSequence = function noteSequenceError(sequence) {
  const expected = (this._sequenceIn + 1) % 65535; // zyre.js 1.3.0 wraps at 65535
  if (typeof sequence !== 'undefined' && sequence !== expected) {
    dropped.set(this.identity, `sequence ${sequence}, expected ${expected}`);
  }
  return setSequence.call(this, sequence);
};

const expired = new Set();
zyre.on('connect', (peer, name, headers) => {
  const info = zyre.getPeer(peer);
  out({ event: 'ENTER', peer, name, headers: headers || {}, address: info ? info.endpoint : null });
});
zyre.on('expired', (peer) => expired.add(peer));
zyre.on('disconnect', (peer, name) => {
  // zyre.js disconnects on expiry, a sequence error, or a leave beacon (port 0)
  const exit = { event: 'EXIT', peer, name, reason: 'left' };
  if (expired.delete(peer)) {
    exit.reason = 'expired';
  } else if (dropped.has(peer)) {
    exit.reason = 'dropped';
    exit.detail = dropped.get(peer);
  }
  dropped.delete(peer);
  out(exit);
});
zyre.on('join', (peer, name, group) => out({ event: 'JOIN', peer, name, group }));
zyre.on('leave', (peer, name, group) => out({ event: 'LEAVE', peer, name, group }));
zyre.on('shout', (peer, name, message, group) => {
  out({ event: 'SHOUT', peer, name, group, ...content(message) });
});
zyre.on('whisper', (peer, name, message) => out({ event: 'WHISPER', peer, name, ...content(message) }));

let stopping = false;
function stop(code) {
  if (stopping) return;
  stopping = true;
  zyre.stop().then(() => {
    out({ event: 'STOP' });
    process.stdout.write('', () => process.exit(code));
  });
}

function info(event) {
  return {
    event,
    uuid: zyre.getIdentity(),
    name: zyre._name,
    endpoint: zyre._zyreNode._endpoint,
    interface: opts.iface,
    groups: [...zyre._zyreNode._groups].sort(),
    headers: opts.headers,
    // not in the CLI's schema: zyre.js keeps this counter internally (it wraps at 255)
    status: zyre._zyreNode._status,
  };
}

/** Like the CLI's PEERS, plus "status": the last status zyre.js recorded for each peer (internal state). */
function peersReport() {
  const peers = Object.entries(zyre.getPeers()).map(([id, p]) => {
    const internal = zyre._zyrePeers.getPeer(id);
    return {
      peer: id,
      name: p.name,
      address: p.endpoint,
      groups: [...p.groups].sort(),
      headers: p.headers || {},
      state: p.evasive ? 'EVASIVE' : 'ALIVE',
      status: internal ? internal._status : null,
    };
  });
  peers.sort((a, b) => (a.name === b.name ? a.peer.localeCompare(b.peer) : a.name.localeCompare(b.name)));
  return { event: 'PEERS', peers };
}

function reply(event, cmd, extra = {}) {
  const obj = { event, ...extra };
  if (cmd && cmd.cmd) obj.cmd = cmd.cmd;
  if (cmd && cmd.id !== undefined) obj.id = cmd.id;
  return obj;
}

function str(cmd, field) {
  if (typeof cmd[field] === 'string' && cmd[field] !== '') return cmd[field];
  throw new Error(`"${field}" must be a non-empty string`);
}

function handle(line) {
  if (line.trim() === '') return;
  let cmd;
  try {
    cmd = JSON.parse(line);
    if (cmd === null || typeof cmd !== 'object') throw new Error('a command must be a JSON object');
    switch (cmd.cmd) {
      case 'join': zyre.join(str(cmd, 'group')); break;
      case 'leave': zyre.leave(str(cmd, 'group')); break;
      case 'shout': zyre.shout(str(cmd, 'group'), payload(cmd)); break;
      case 'whisper': zyre.whisper(str(cmd, 'peer').replace(/-/g, '').toLowerCase(), payload(cmd)); break;
      case 'burst': { // driver-only: whispers "0", "1", ... "count-1" to one peer, without a line each
        const peer = str(cmd, 'peer').replace(/-/g, '').toLowerCase();
        for (let i = 0; i < cmd.count; i += 1) zyre.whisper(peer, Buffer.from(String(i)));
        break;
      }
      case 'peers': out({ ...peersReport(), ...reply('PEERS', { id: cmd.id }) }); return;
      case 'info': out({ ...info('INFO'), ...reply('INFO', { id: cmd.id }) }); return;
      case 'quit': out(reply('OK', cmd)); stop(0); return;
      default: throw new Error(`unknown cmd '${cmd.cmd}'`);
    }
    out(reply('OK', cmd));
  } catch (e) {
    out(reply('ERROR', cmd, { message: String(e.message || e) }));
  }
}

zyre.start().then(() => {
  out(info('READY'));
  const rl = readline.createInterface({ input: process.stdin });
  rl.on('line', handle);
  rl.on('close', () => stop(0));
});
process.on('SIGTERM', () => stop(0));
process.on('SIGINT', () => stop(0));
