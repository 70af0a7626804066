// A hostile MCP server over stdio for probing the runtime's bounds (no dependencies).
// HOSTILE_MODE selects the misbehaviour; every other request is answered as a plain server would.
'use strict';
const mode = process.env.HOSTILE_MODE || 'plain';
const send = (msg) => process.stdout.write(JSON.stringify(msg) + '\n');
const tool = (name, extra) => Object.assign({ name, inputSchema: { type: 'object', properties: { q: { type: 'string' } } } }, extra || {});

if (mode === 'exit-now') process.exit(3);
if (mode === 'stderr-flood') {
  // one endless stderr line (no newline), as fast as the pipe takes it
  const chunk = 'x'.repeat(1 << 20);
  const flood = () => { while (process.stderr.write(chunk)) { /* until the pipe is full */ } process.stderr.once('drain', flood); };
  flood();
}

function toolsList(params) {
  const cursor = params && params.cursor ? Number(params.cursor) : 0;
  switch (mode) {
    case 'fat-pages': {
      // one tool per page, each with a ~4 MB description, for as many pages as the client asks
      return { tools: [tool('t' + cursor, { description: 'd'.repeat(4 << 20) })], nextCursor: String(cursor + 1) };
    }
    case 'slow-pages': {
      return new Promise((resolve) => setTimeout(() => resolve({ tools: [tool('t' + cursor)], nextCursor: String(cursor + 1) }),
        Number(process.env.HOSTILE_PAGE_MS || 2000)));
    }
    case 'weird-names':
      return { tools: [tool('ok_tool', { description: 'plain \u001b[31mred\u001b[0m \u0007bell' }), tool('..'), tool('.'), tool('a.b')] };
    default:
      return { tools: [tool('echo', { description: 'echoes', annotations: { readOnlyHint: true } })] };
  }
}

function toolsCall(params) {
  if (mode === 'never-ends') return new Promise(() => {});
  if (mode === 'secret-error') {
    return { isError: true, content: [{ type: 'text', text: 'failed \u001b[2J with token ' + (process.env.HOSTILE_SECRET || '') + ' ' + 'e'.repeat(10000) }] };
  }
  return { content: [{ type: 'text', text: 'echo ' + JSON.stringify(params.arguments || {}) }] };
}

let buffer = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (data) => {
  buffer += data;
  let nl;
  while ((nl = buffer.indexOf('\n')) >= 0) {
    const line = buffer.slice(0, nl);
    buffer = buffer.slice(nl + 1);
    if (line.trim()) handle(JSON.parse(line));
  }
});
process.stdin.on('end', () => process.exit(0));

async function handle(msg) {
  if (msg.id === undefined) return; // notifications
  let result;
  switch (msg.method) {
    case 'initialize':
      if (mode === 'no-initialize') return;
      result = { protocolVersion: msg.params.protocolVersion, capabilities: { tools: {} }, serverInfo: { name: 'hostile', version: '1' } };
      break;
    case 'tools/list': result = await toolsList(msg.params); break;
    case 'tools/call': result = await toolsCall(msg.params); break;
    case 'ping': result = {}; break;
    default: send({ jsonrpc: '2.0', id: msg.id, error: { code: -32601, message: 'no ' + msg.method } }); return;
  }
  send({ jsonrpc: '2.0', id: msg.id, result });
}
