// How a notice leaves: through an SMTP server (nodemailer; SMTP_URL), or into the demo mailbox when
// no server is configured in demo mode (the notice is kept in ap_mail as sent, shown at
// /demo/mailbox). A failure is described without personal data: the error's code, the SMTP reply
// code and command, and its message with every e-mail address masked.
import { createTransport, type Transporter } from 'nodemailer';
import type { MailTransportKind } from './mail-queries.ts';

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The appeal it is about (a header for the mail server's logs and replies; not personal). */
  appeal: string;
}

export interface Transport {
  readonly kind: MailTransportKind;
  /** Resolves once the server has taken the message; rejects with why not. */
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** A refusal the server means for good (5xx): trying again will not help. */
export function isPermanent(err: unknown): boolean {
  const code = (err as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

const EMAIL = /[^\s<>()[\]"',;:]+@[^\s<>()[\]"',;:]+/g;

/** Why an attempt failed, fit for the table and the log: codes and the message with addresses masked. */
export function describeFailure(err: unknown): string {
  const e = (err ?? {}) as { code?: unknown; responseCode?: unknown; command?: unknown; message?: unknown };
  const parts = [
    typeof e.code === 'string' ? e.code : null,
    typeof e.responseCode === 'number' ? String(e.responseCode) : null,
    typeof e.command === 'string' ? `(${e.command.split(/\s/)[0]})` : null,
  ].filter((p): p is string => p !== null);
  const message = typeof e.message === 'string' ? e.message.replace(EMAIL, '[address]').replace(/\s+/g, ' ').trim() : String(err);
  return [...parts, message].join(' ').slice(0, 500);
}

export interface SmtpOptions {
  /** Milliseconds to connect, to be greeted, of silence on the socket (defaults: 15 s, 15 s, 60 s). */
  connectionTimeout?: number;
  greetingTimeout?: number;
  socketTimeout?: number;
}

/** An SMTP server from SMTP_URL: smtps:// is TLS from the start; smtp:// upgrades with STARTTLS when offered. */
export class SmtpTransport implements Transport {
  readonly kind = 'smtp';
  private readonly transporter: Transporter;

  constructor(url: string, o: SmtpOptions = {}) {
    // (one connection per message, none kept open between passes; nodemailer logs nothing)
    this.transporter = createTransport({
      url,
      connectionTimeout: o.connectionTimeout ?? 15_000,
      greetingTimeout: o.greetingTimeout ?? 15_000,
      socketTimeout: o.socketTimeout ?? 60_000,
      logger: false,
      debug: false,
    });
  }

  async send(m: OutgoingMail): Promise<void> {
    await this.transporter.sendMail({
      from: m.from,
      to: m.to,
      subject: m.subject,
      text: m.text,
      html: m.html,
      // (RFC 3834: an automatic message; vacation responders do not answer it)
      headers: { 'Auto-Submitted': 'auto-generated', 'X-Otvet-Appeal': m.appeal },
    });
  }

  close(): void {
    this.transporter.close();
  }
}

/** Demo mode without an SMTP server: nothing leaves; the row in ap_mail is the mailbox. */
export class DemoMailbox implements Transport {
  readonly kind = 'demo';
  async send(): Promise<void> {}
  close(): void {}
}
