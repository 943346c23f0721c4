// What the appeals module needs of the platform's vault: sealing and opening a value bound to the
// place it is kept (its context). The vault (platform/crypto) is the implementation.

import type { Queryable } from '../platform/db/database.ts';

/** q: the transaction the value is written in (the first seal of a node may read or make its key). */
export interface Sealer {
  seal(plain: string | Buffer, context: string, q?: Queryable): Promise<Buffer>;
  open(sealed: Buffer, context: string, q?: Queryable): Promise<Buffer>;
}
