// SIP over UDP (RFC 3261 §18): one datagram, one message. Send errors (a datagram too large, no
// route) reject the send, which the transaction reports to its TU; socket errors never throw.
import dgram from 'node:dgram';
import net from 'node:net';
import type { Address, Transport, TransportSink } from './transport.ts';
import { plainAddress } from './transport.ts';

/**
 * What the kernel may hold for us (SO_RCVBUF; Linux caps it at net.core.rmem_max). Its default,
 * ~200 KB, is a few hundred datagrams: a process held up for a moment under load (a busy machine,
 * a long GC) lost SIP messages, which came back only as retransmissions, seconds later.
 */
export const UDP_RECEIVE_BUFFER_BYTES = 4 * 1024 * 1024;

export class UdpTransport implements Transport {
  readonly protocol = 'udp';
  readonly reliable = false;

  private constructor(
    private readonly socket: dgram.Socket,
    readonly local: Address,
  ) {}

  static listen(host: string, port: number, sink: TransportSink): Promise<UdpTransport> {
    const socket = dgram.createSocket({ type: net.isIPv6(host) ? 'udp6' : 'udp4', recvBufferSize: UDP_RECEIVE_BUFFER_BYTES });
    socket.on('message', (data, rinfo) => sink.message(data, { transport: 'udp', address: plainAddress(rinfo.address), port: rinfo.port }));
    return new Promise((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(port, host, () => {
        socket.off('error', reject);
        // After binding, an error (ICMP unreachable reported on some systems) is no reason to stop listening.
        socket.on('error', () => {});
        const a = socket.address();
        resolve(new UdpTransport(socket, { address: plainAddress(a.address), port: a.port }));
      });
    });
  }

  send(data: Buffer, to: Address): Promise<void> {
    return new Promise((resolve, reject) => {
      try {
        this.socket.send(data, to.port, to.address, (error) => (error ? reject(error) : resolve()));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  connected(): boolean {
    return true;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      try {
        this.socket.close(() => resolve());
      } catch {
        resolve(); // already closed
      }
    });
  }
}
