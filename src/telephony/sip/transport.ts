// What the stack needs of a transport (UDP, TCP, WebSocket): send framed bytes to an address, say
// whether a connection to it is open (responses go back over the connection a request came on,
// §18.2.2), hand up each message received with where it came from, and say when a connection closes.
import type { Peer, SipMessage } from './message.ts';

export interface Address {
  address: string;
  port: number;
}

export interface Transport {
  readonly protocol: Peer['transport'];
  /** TCP and WS: no retransmissions, and D, I, J, K are zero (§17). */
  readonly reliable: boolean;
  /** Where it listens: the port the system chose when asked for port 0. */
  readonly local: Address;
  /** Sends one whole message. TCP reuses the open connection to that address or opens one; WS too (as a client). */
  send(data: Buffer, to: Address): Promise<void>;
  /** Whether a connection with that remote address and port is open (UDP: always). */
  connected(to: Address): boolean;
  close(): Promise<void>;
}

/** What a transport reports upward. */
export interface TransportSink {
  /** One message: a datagram's or WebSocket frame's bytes, or a message a stream framer has already parsed. */
  message(data: Buffer | SipMessage, from: Peer): void;
  /** Bytes that could not be framed (a broken stream, a binary frame…); the connection is closed. Counted, never thrown. */
  malformed(reason: string, from: Peer): void;
  /**
   * TCP and WS: a connection has closed (the peer's doing, an error, idleness, a dead peer), named as
   * its messages named their source; nothing sent to that flow can reach the peer now. Not said for
   * the connections the transport's own close() ends.
   */
  closed?(flow: Peer): void;
}

/** An address as the system reports it, IPv4-mapped IPv6 (`::ffff:127.0.0.1`) back to IPv4. */
export function plainAddress(address: string): string {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return m ? m[1]! : address;
}

/** The key a stream transport keeps a connection under. */
export function addressKey(to: Address): string {
  return `${plainAddress(to.address)}|${to.port}`;
}
