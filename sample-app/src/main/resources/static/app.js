// ZRE sample page: state comes from the REST API, changes arrive as Server-Sent Events on api/events.
// Everything a peer sends is rendered with textContent, never as HTML.
'use strict';

const WHISPERS = '\u0000whispers';   // the tab key of the whisper conversation (no group can be named like this)
const MAX_LOG = 300;
const PRESENCE = 'presence';        // carries typed JSON presence records (a @ZreListener), not chat

const state = {
  node: null,
  peers: new Map(),       // uuid -> {uuid, name, address, groups, headers, state}
  groups: [],             // [{name, members, joined}]
  presence: {},           // uuid -> status
  messages: [],           // [{dir: 'in'|'out', type, peer, name, group, text, at}]
  tab: null,               // the chat tab shown: a joined group or WHISPERS
  renderedTab: undefined,  // the tab the message list was last drawn for
  unread: {},
};

const $ = (id) => document.getElementById(id);

// ------------------------------------------------------------------ REST

async function api(method, path, body) {
  const response = await fetch('api/' + path, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    let detail = response.statusText;
    try { detail = (await response.json()).detail || detail; } catch (e) { /* not JSON */ }
    throw new Error(detail);
  }
  return response.status === 204 ? null : response.json();
}

async function loadAll() {
  const [node, peers, groups, received, sent, presence] = await Promise.all([
    api('GET', 'node'), api('GET', 'peers'), api('GET', 'groups'),
    api('GET', 'messages'), api('GET', 'sent'), api('GET', 'presence')]);
  state.node = node;
  state.peers = new Map(peers.map((p) => [p.uuid, p]));
  state.groups = groups;
  state.presence = presence.peers;
  $('presence-status').value = presence.self;
  state.messages = received.map((m) => ({ ...m, dir: 'in' }))
    .concat(sent.map((m) => ({ ...m, dir: 'out' })))
    .sort((a, b) => a.at.localeCompare(b.at));
  renderAll();
}

let refreshTimer = null;
function refreshSoon() {           // membership changed: re-read peers and groups, at most every 150 ms
  if (refreshTimer) return;
  refreshTimer = setTimeout(async () => {
    refreshTimer = null;
    try {
      const [peers, groups] = await Promise.all([api('GET', 'peers'), api('GET', 'groups')]);
      state.peers = new Map(peers.map((p) => [p.uuid, p]));
      state.groups = groups;
      renderPeers();
      renderGroups();
      renderTabs();
      renderWhisperTargets();
      if (state.renderedTab !== state.tab) renderMessages();
    } catch (e) { /* the next event or the periodic refresh retries */ }
  }, 150);
}

// ------------------------------------------------------------------ live events

function connect() {
  const live = $('live');
  const source = new EventSource('api/events');
  source.onopen = () => {
    live.dataset.state = 'open';
    $('live-text').textContent = 'live';
    log({ type: 'LIVE', at: new Date().toISOString(), text: 'connected: events appear here as they happen' });
    loadAll().catch((e) => toast('Could not load: ' + e.message));
  };
  source.onerror = () => {
    live.dataset.state = source.readyState === EventSource.CLOSED ? 'closed' : 'connecting';
    $('live-text').textContent = source.readyState === EventSource.CLOSED ? 'offline' : 'reconnecting';
    if (source.readyState === EventSource.CLOSED) setTimeout(connect, 3000);
  };
  source.onmessage = (message) => onEvent(JSON.parse(message.data));
}

function onEvent(e) {
  log(e);
  switch (e.type) {
    case 'SHOUT':
    case 'WHISPER':
      addMessage({ ...e, dir: 'in' });
      break;
    case 'SHOUT_SENT':
    case 'WHISPER_SENT':
      addMessage({ ...e, type: e.type.replace('_SENT', ''), dir: 'out' });
      break;
    case 'ENTER':
      state.peers.set(e.peer, { uuid: e.peer, name: e.name, address: e.address, groups: [], headers: e.headers || {}, state: 'ALIVE' });
      renderPeers();
      renderWhisperTargets();
      refreshSoon();
      break;
    case 'EXIT': {
      const row = document.querySelector(`#peer-list li[data-uuid="${e.peer}"]`);
      if (row) row.classList.add('leaving');
      const gone = state.peers.get(e.peer);   // an EXIT (REPLACED) may be followed at once by a new ENTER
      setTimeout(() => {
        if (state.peers.get(e.peer) !== gone) return;
        state.peers.delete(e.peer);
        delete state.presence[e.peer];
        renderPeers();
        renderWhisperTargets();
      }, 350);
      refreshSoon();
      break;
    }
    case 'EVASIVE':
    case 'SILENT': {
      const peer = state.peers.get(e.peer);
      if (peer) { peer.state = e.type; renderPeers(); }
      break;
    }
    case 'PRESENCE':
      state.presence[e.peer] = e.text;
      renderPeers();
      break;
    case 'JOIN':
    case 'LEAVE':
    case 'SELF_JOIN':
    case 'SELF_LEAVE':
    case 'LEADER':
      refreshSoon();
      break;
    default:
      break;
  }
}

// ------------------------------------------------------------------ rendering

function renderAll() {
  const node = state.node;
  $('node-name').textContent = node.name;
  $('node-uuid').textContent = node.uuid;
  $('node-endpoint').textContent = node.endpoint || 'not running';
  document.title = node.name + ' · ZRE sample';
  renderPeers();
  renderGroups();
  renderTabs();
  renderWhisperTargets();
  renderMessages();
}

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v;
    else if (k === 'data') Object.assign(e.dataset, v);
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) {
    if (c !== null && c !== undefined) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

function colorOf(uuid) {
  let h = 0;
  for (const ch of uuid || '') h = (h * 31 + ch.charCodeAt(0)) % 360;
  return `hsl(${h} 55% 52%)`;
}

function peerName(uuid, fallback) {
  const p = state.peers.get(uuid);
  return (p && p.name) || fallback || (uuid ? uuid.slice(0, 6) : '?');
}

function renderPeers() {
  const list = $('peer-list');
  const peers = [...state.peers.values()].sort((a, b) => a.name.localeCompare(b.name));
  list.replaceChildren(...peers.map((p) => {
    const presence = state.presence[p.uuid] || 'unknown';
    return el('li', { class: 'peer', data: { uuid: p.uuid, state: p.state, presence } },
      el('span', { class: 'avatar', style: `background:${colorOf(p.uuid)}`, title: 'status: ' + presence }, (p.name || '?').slice(0, 1)),
      el('span', { class: 'pname' }, p.name,
        p.state && p.state !== 'ALIVE' ? el('span', { class: 'badge ' + p.state }, p.state.toLowerCase()) : null),
      el('span', { class: 'actions' },
        el('button', { class: 'small secondary whisper', type: 'button', title: 'Whisper to ' + p.name, onclick: () => whisperTo(p.uuid) }, 'Whisper'),
        el('button', { class: 'small secondary ping', type: 'button', title: 'Request/reply: ping, answered by a @ZreListener return value; shows the round trip', onclick: () => ping(p.uuid) }, 'Ping')),
      el('span', { class: 'pmeta', title: p.address || '' }, (p.address || '').replace('tcp://', '')),
      el('span', { class: 'chips' },
        el('code', { class: 'chip uuid', title: p.uuid }, p.uuid.slice(0, 8)),
        ...(p.groups || []).slice().sort().map((g) => el('span', { class: 'chip' }, '#' + g))));
  }));
  $('peer-count').textContent = peers.length;
  $('peer-empty').hidden = peers.length > 0;
}

function renderGroups() {
  const list = $('group-list');
  list.replaceChildren(...state.groups.map((g) => el('li', { class: 'group' + (g.joined ? ' joined' : ''), data: { group: g.name } },
    el('span', { class: 'gname', title: g.name === PRESENCE ? 'typed JSON presence records, received by a @ZreListener' : '' }, g.name),
    el('span', { class: 'gmembers' },
      g.members.length === 0 ? 'no peers' : g.members.map((m) => peerName(m)).join(', ')),
    leaderBadge(g),
    g.joined
      ? el('button', { class: 'small danger', type: 'button', onclick: () => leave(g.name) }, 'Leave')
      : el('button', { class: 'small secondary', type: 'button', onclick: () => join(g.name) }, 'Join'))));
  if (state.groups.length === 0) list.append(el('li', { class: 'empty' }, 'No groups yet. Join one, e.g. "chat".'));
}

function leaderBadge(g) {          // the group's elected leader, for groups this node is in
  if (!g.leader) return g.contested ? el('span', { class: 'badge leader none', title: 'election under way' }, 'no leader yet') : null;
  return el('span', { class: 'badge leader' + (g.leading ? ' self' : ''), title: 'leader of #' + g.name + ': ' + g.leader },
    g.leading ? 'leader: you' : 'leader: ' + (g.leaderName || peerName(g.leader)));
}

function tabKeys() {
  return state.groups.filter((g) => g.joined && g.name !== PRESENCE).map((g) => g.name).concat([WHISPERS]);
}

function renderTabs() {
  const keys = tabKeys();
  if (!keys.includes(state.tab)) state.tab = keys[0];
  $('chat-tabs').replaceChildren(...keys.map((k) => el('button', {
    class: 'tab', type: 'button', role: 'tab', 'aria-selected': String(k === state.tab),
    data: { tab: k === WHISPERS ? 'whispers' : k }, onclick: () => selectTab(k),
  }, k === WHISPERS ? 'Whispers' : '#' + k, state.unread[k] ? el('span', { class: 'unread' }, state.unread[k]) : null)));
  const whisper = state.tab === WHISPERS;
  $('whisper-peer').hidden = !whisper;
  $('chat-input').placeholder = whisper ? 'Whisper to the chosen peer…' : `Shout to #${state.tab}…`;
}

function selectTab(key) {
  state.tab = key;
  delete state.unread[key];
  renderTabs();
  renderMessages();
  $('chat-input').focus();
}

function renderWhisperTargets() {
  const select = $('whisper-peer');
  const chosen = select.value;
  const peers = [...state.peers.values()].sort((a, b) => a.name.localeCompare(b.name));
  select.replaceChildren(...peers.map((p) => el('option', { value: p.uuid }, `${p.name} (${p.uuid.slice(0, 6)})`)));
  if (peers.some((p) => p.uuid === chosen)) select.value = chosen;
  if (peers.length === 0) select.append(el('option', { value: '' }, 'no peers'));
}

function tabOf(m) {
  return m.type === 'WHISPER' ? WHISPERS : m.group;
}

function renderMessages() {
  const list = $('chat-messages');
  state.renderedTab = state.tab;
  const shown = state.messages.filter((m) => tabOf(m) === state.tab);
  list.replaceChildren(...shown.map(messageItem));
  if (shown.length === 0) {
    list.append(el('li', { class: 'empty' }, state.tab === WHISPERS
      ? 'Whispers go to one peer only. Pick one and say hello.'
      : `Nothing in #${state.tab} yet.`));
  }
  list.scrollTop = list.scrollHeight;
}

function messageItem(m) {
  const who = m.dir === 'out'
    ? (m.type === 'WHISPER' ? 'you → ' + peerName(m.peer, m.name) : 'you')
    : (m.type === 'WHISPER' ? peerName(m.peer, m.name) + ' → you' : peerName(m.peer, m.name));
  return el('li', { class: 'msg ' + m.dir, data: { type: m.type, peer: m.peer || '' } },
    el('span', { class: 'meta' }, who + ' · ' + clock(m.at)),
    el('span', { class: 'bubble' }, m.text));
}

function addMessage(m) {
  const key = (x) => [x.dir, x.type, x.peer, x.group, x.at, x.text].join('|');
  if (state.messages.some((x) => key(x) === key(m))) return;
  state.messages.push(m);
  if (state.messages.length > 400) state.messages.splice(0, state.messages.length - 400);
  const tab = tabOf(m);
  if (tab === state.tab) {
    renderMessages();
  } else if (m.dir === 'in') {
    state.unread[tab] = (state.unread[tab] || 0) + 1;
    renderTabs();
  }
}

function clock(iso) {
  const d = iso ? new Date(iso) : new Date();
  return d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
}

function describe(e) {
  const who = e.name || peerName(e.peer);
  switch (e.type) {
    case 'ENTER': return `${who} entered from ${e.address}`;
    case 'EXIT': return `${who} exited${e.reason ? ' (' + e.reason.toLowerCase() + ')' : ''}`;
    case 'JOIN': return `${who} joined #${e.group}`;
    case 'LEAVE': return `${who} left #${e.group}`;
    case 'EVASIVE': return `${who} is evasive (quiet, being pinged)`;
    case 'SILENT': return `${who} is silent (will expire unless it speaks)`;
    case 'SHOUT': return `${who} → #${e.group}: ${e.text}`;
    case 'WHISPER': return `${who} → you: ${e.text}`;
    case 'SHOUT_SENT': return `you → #${e.group}: ${e.text}`;
    case 'WHISPER_SENT': return `you → ${who}: ${e.text}`;
    case 'SELF_JOIN': return `you joined #${e.group}`;
    case 'SELF_LEAVE': return `you left #${e.group}`;
    case 'PRESENCE': return `${who} is ${e.text}`;
    case 'PONG': return `${who}: ${e.text}`;
    case 'LEADER': return `${who} leads #${e.group}`;
    case 'LEADER_TICK': return `${e.text} (this node leads #${e.group})`;
    case 'STOP': return 'this node stopped';
    default: return e.text || '';
  }
}

function log(e) {
  const list = $('event-log');
  list.prepend(el('li', { data: { type: e.type } },
    el('time', {}, clock(e.at)),
    el('span', { class: 'type ' + e.type }, e.type.replace('_SENT', '').replace('SELF_', '')),
    el('span', { class: 'what' }, describe(e)),
    // the sender's trace, carried in the message's trace frame (zre.trace-frame.enabled + tracing)
    e.traceId ? el('span', { class: 'trace', title: 'trace id' }, 'trace ' + e.traceId) : null));
  while (list.children.length > MAX_LOG) list.lastChild.remove();
}

let toastTimer = null;
function toast(text) {
  const t = $('toast');
  t.textContent = text;
  t.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { t.hidden = true; }, 3500);
}

// ------------------------------------------------------------------ actions

async function join(group) {
  try {
    await api('POST', 'groups/' + encodeURIComponent(group));
    state.tab = group;
    refreshSoon();
  } catch (e) { toast('Join failed: ' + e.message); }
}

async function leave(group) {
  try {
    await api('DELETE', 'groups/' + encodeURIComponent(group));
    refreshSoon();
  } catch (e) { toast('Leave failed: ' + e.message); }
}

function whisperTo(uuid) {
  selectTab(WHISPERS);
  $('whisper-peer').value = uuid;
}

async function ping(uuid) {
  try {
    const ping = await api('POST', 'peers/' + uuid + '/ping');   // request/reply: answers when the pong came
    toast(`${ping.reply} in ${ping.roundTripMillis.toFixed(1)} ms`);
  } catch (e) { toast('Ping failed: ' + e.message); }
}

$('join-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const input = $('group-input');
  const group = input.value.trim();
  if (!group) return;
  await join(group);
  input.value = '';
});

$('chat-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const input = $('chat-input');
  const text = input.value;
  if (!text.trim()) return;
  try {
    if (state.tab === WHISPERS) {
      const peer = $('whisper-peer').value;
      if (!peer) { toast('No peer to whisper to'); return; }
      await api('POST', 'whisper', { peer, text });
    } else {
      await api('POST', 'shout', { group: state.tab, text });
    }
    input.value = '';
  } catch (e) { toast('Send failed: ' + e.message); }
});

$('presence-status').addEventListener('change', async (ev) => {
  try { await api('POST', 'presence', { status: ev.target.value }); } catch (e) { toast('Status failed: ' + e.message); }
});

$('log-clear').addEventListener('click', () => $('event-log').replaceChildren());

setInterval(refreshSoon, 5000);   // peer liveness (evasive -> alive again) has no event of its own
loadAll().catch((e) => toast('Could not load: ' + e.message));
connect();
