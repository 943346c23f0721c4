// A UDP socket as the telephony edge's sockets need it (SIP, rtpengine's replies, key presses): of
// the family of the address it will use, and with a receive buffer large enough to ride out a
// moment when the process is held up (a busy machine, a long GC).
import dgram from 'node:dgram';
import net from 'node:net';

/**
 * What the kernel may hold for the socket (SO_RCVBUF; Linux caps it at net.core.rmem_max). Its
 * default, ~200 KB, is a few hundred datagrams: under load SIP messages were lost (back only as
 * retransmissions, seconds later), rtpengine's replies (a second per call each) and key presses.
 */
export const UDP_RECEIVE_BUFFER_BYTES = 4 * 1024 * 1024;

/** A UDP socket for `host`'s address family, with the large receive buffer. */
export function udpSocket(host: string): dgram.Socket {
  return dgram.createSocket({ type: net.isIPv6(host) ? 'udp6' : 'udp4', recvBufferSize: UDP_RECEIVE_BUFFER_BYTES });
}
