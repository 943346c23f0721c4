// The one error the SIP syntax layer throws for bad input, whichever part found it.

/** Why bytes or a value are not valid SIP; `reason` names the line or field, for a log or a 400's reason text. */
export class SipParseError extends Error {
  override readonly name = 'SipParseError';

  constructor(readonly reason: string) {
    super(reason);
  }
}
