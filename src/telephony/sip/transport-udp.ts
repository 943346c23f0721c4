// SIP over UDP (RFC 3261 §18): one datagram, one message. Send errors (a datagram too large, no
// route) reject the send, which the transaction reports to its TU; socket errors never throw.
import type dgram from 'node:dgram';
import type { Address, Transport, TransportSink } from './transport.ts';
import { plainAddress } from './transport.ts';
import { udpSocket } from '../../platform/udp-socket.ts';

export class UdpTransport implements Transport {
  readonly protocol = 'udp';
  readonly reliable = false;

  private constructor(
    private readonly socket: dgram.Socket,
    readonly local: Address,
  ) {}

  static listen(host: string, port: number, sink: TransportSink): Promise<UdpTransport> {
    const socket = udpSocket(host);
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
