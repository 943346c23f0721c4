// What a socket asking for UDP_RECEIVE_BUFFER_BYTES is granted at least: Linux caps SO_RCVBUF at
// net.core.rmem_max (and reports twice what it keeps, the bookkeeping included).
import fs from 'node:fs';
import { UDP_RECEIVE_BUFFER_BYTES } from '../../src/platform/udp-socket.ts';

const rmemMax = (() => {
  try {
    return Number(fs.readFileSync('/proc/sys/net/core/rmem_max', 'utf8'));
  } catch {
    return Infinity;
  }
})();

export const grantedReceiveBuffer = Math.min(UDP_RECEIVE_BUFFER_BYTES, rmemMax);
