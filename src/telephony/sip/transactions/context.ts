// What a transaction is given: the clock, its timers for the transport it runs on, and how to send.
// Its events: the same names for every client (or server) transaction, so the TU holds one type.
import type { SipMessage, SipRequest, SipResponse } from '../message.ts';
import type { Clock } from './clock.ts';
import type { TransactionTimers } from './timers.ts';

/** Sends one message to the transaction's peer; rejects when the transport fails (§17.1.4, §17.2.4). */
export type Send = (message: SipMessage) => Promise<void>;

export interface TransactionContext {
  clock: Clock;
  timers: TransactionTimers;
  send: Send;
}

export type ClientTransactionEvents = {
  /** A 1xx response (100 included). */
  provisional: [response: SipResponse];
  /** The final response. For INVITE a 2xx may come again (a retransmission, or another fork's answer): the TU ACKs each. */
  final: [response: SipResponse];
  /** No final response in time (Timer B or F). */
  timeout: [];
  transportError: [error: Error];
  terminated: [];
};

export type ServerTransactionEvents = {
  /** INVITE only: an ACK for a non-2xx final response, or (RFC 2543 peers) one that matched while 2xx was being retransmitted. */
  ack: [request: SipRequest];
  /** INVITE only: a matching CANCEL arrived before the final response; the TU should answer 487 (§9.2). */
  cancelled: [cancel: SipRequest];
  /** INVITE only: the final non-2xx response was never acknowledged (Timer H). */
  timeout: [];
  transportError: [error: Error];
  terminated: [];
};

/** Sends without waiting; a rejection (or a throw) goes to `failed`, after the caller has finished its step. */
export function sendAndWatch(send: Send, message: SipMessage, failed: (error: Error) => void): void {
  let sent: Promise<void>;
  try {
    sent = send(message);
  } catch (error) {
    sent = Promise.reject(error);
  }
  sent.catch((error: unknown) => failed(error instanceof Error ? error : new Error(String(error))));
}
