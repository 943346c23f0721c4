// Personal data encrypted at rest (ADR 0016): envelope encryption with AES-256-GCM from node:crypto.
// Values are sealed with a data key (32 random bytes); data keys are kept in pd_data_keys only
// wrapped, with AES-256-GCM too, under the master key from the configuration. The newest data key
// not retired seals new values; retired ones still open what they sealed.
//
// A sealed value: version (1 byte, 1) | data key id (uint32, big-endian) | IV (12 random bytes) |
// GCM tag (16 bytes) | ciphertext. The associated data is the first 5 bytes and the context
// (`appeal:123:name`), so a value copied to another row or field, or given another key id, does
// not open.
//
// Once a node knows the current data key, sealing and opening the values it sealed read nothing
// from the database; it looks again every minute, in the background, for a key another node made
// current. Permissions and the audit of each read are the caller's.
import { createCipheriv, createDecipheriv, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import type { Db, Queryable } from '../db/database.ts';
import type { MasterKey, MasterKeys } from './master-key.ts';
import { insertCurrentDataKey, lockDataKeys, nextDataKeyId, retireCurrentDataKey, selectCurrentDataKey, selectDataKey, selectDataKeys, updateWrapping, type DataKeyRow } from './queries.ts';

/** The format's version, the first byte of every sealed value. */
export const SEALED_VERSION = 1;
const HEADER_BYTES = 5;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const DATA_KEY_BYTES = 32;
/** What sealing adds to a value's length. */
export const SEALED_OVERHEAD = HEADER_BYTES + IV_BYTES + TAG_BYTES;
/** A wrapped data key: version (1) | IV | GCM tag | the key under the master key. */
const WRAPPED_VERSION = 1;
const WRAPPED_BYTES = 1 + IV_BYTES + TAG_BYTES + DATA_KEY_BYTES;

export type VaultErrorCode =
  /** seal() or open() without a context */
  | 'vault.no_context'
  /** not a sealed value: too short, or a version this build does not know */
  | 'vault.malformed'
  /** the value names a data key the database does not have */
  | 'vault.unknown_data_key'
  /** the data key is wrapped by a master key this node was not given */
  | 'vault.master_key_unavailable'
  /** the wrapped data key does not unwrap under the master key it names: altered in the database */
  | 'vault.data_key_damaged'
  /** the value does not open: altered, or sealed for another context */
  | 'vault.not_authentic';

/** Why a value could not be sealed or opened; never carries the value or key material. */
export class VaultError extends Error {
  constructor(
    readonly code: VaultErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'VaultError';
  }
}

export interface VaultOptions {
  /** How long a node seals with the current key it knows before looking again (in the background). Default: a minute. */
  recheckMs?: number;
}

export interface DataKeyStatus {
  id: number;
  /** The id of the master key that wraps it (never the key). */
  masterKeyId: string;
  /** Whether this node holds that master key: as OTVET_MASTER_KEY, among OTVET_MASTER_KEY_PREVIOUS, or not at all. */
  masterKey: 'current' | 'previous' | 'missing';
  createdAt: string;
  retiredAt: string | null;
}

export interface Rotation {
  /** The data key retired, if there was one. */
  retired: number | null;
  /** The data key that seals from now on. */
  current: number;
}

export interface Rewrapping {
  /** Data keys now wrapped by the current master key that were wrapped by a previous one. */
  rewrapped: number;
  /** Every data key there is. */
  keys: number;
}

/** Runs inside the change's transaction, before it commits (an audit record of it). */
export type InTransaction<R> = (tx: Queryable, result: R) => Promise<void>;

interface DataKey {
  id: number;
  key: KeyObject;
}

/** The data key id a sealed value names (which values a retired key still protects). */
export function sealedKeyId(sealed: Uint8Array): number {
  const b = asBuffer(sealed);
  if (b.length < SEALED_OVERHEAD || b[0] !== SEALED_VERSION) throw new VaultError('vault.malformed', `not a sealed value (${b.length < SEALED_OVERHEAD ? 'too short' : `version ${b[0]}`})`);
  return b.readUInt32BE(1);
}

export class Vault {
  private readonly masters: Map<string, MasterKey>;
  private readonly recheckMs: number;
  /** Every data key unwrapped so far, by id (ids are never reused: a sequence gives them). */
  private readonly keys = new Map<number, KeyObject>();
  private readonly loading = new Map<number, Promise<KeyObject>>();
  /** The committed current key, as this node last read it. */
  private current: { key: DataKey; checkedAt: number } | undefined;
  private currentLoad: Promise<DataKey> | undefined;
  /** Counts this node's rotations: a read begun before one must not put back the key it retired. */
  private generation = 0;

  constructor(
    private readonly db: Db,
    private readonly masterKeys: MasterKeys,
    options: VaultOptions = {},
  ) {
    this.masters = new Map([masterKeys.current, ...masterKeys.previous].map((m) => [m.id, m]));
    this.recheckMs = options.recheckMs ?? 60_000;
  }

  /** The id of the master key new data keys are wrapped with. */
  get masterKeyId(): string {
    return this.masterKeys.current.id;
  }

  /**
   * Encrypts a value (a string as UTF-8) for the context it will be stored under, such as
   * `appeal:123:name`. Inside a transaction pass it as q: the first seal of a node may need to
   * read the current data key, or make the first one.
   */
  async seal(plain: string | Uint8Array, context: string, q: Queryable = this.db): Promise<Buffer> {
    checkContext(context);
    const { id, key } = await this.currentKey(q);
    const header = Buffer.allocUnsafe(HEADER_BYTES);
    header[0] = SEALED_VERSION;
    header.writeUInt32BE(id, 1);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(associatedData(header, context));
    const body = Buffer.concat([cipher.update(typeof plain === 'string' ? Buffer.from(plain, 'utf8') : plain), cipher.final()]);
    return Buffer.concat([header, iv, cipher.getAuthTag(), body]);
  }

  /** Decrypts a sealed value for the context it was sealed for; a VaultError when it does not open. */
  async open(sealed: Uint8Array, context: string, q: Queryable = this.db): Promise<Buffer> {
    checkContext(context);
    const b = asBuffer(sealed);
    const id = sealedKeyId(b);
    const key = this.keys.get(id) ?? (await this.dataKey(id, q));
    const decipher = createDecipheriv('aes-256-gcm', key, b.subarray(HEADER_BYTES, HEADER_BYTES + IV_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAAD(associatedData(b.subarray(0, HEADER_BYTES), context));
    decipher.setAuthTag(b.subarray(HEADER_BYTES + IV_BYTES, SEALED_OVERHEAD));
    try {
      return Buffer.concat([decipher.update(b.subarray(SEALED_OVERHEAD)), decipher.final()]);
    } catch {
      throw new VaultError('vault.not_authentic', `the value sealed with data key ${id} does not open for ${context}: it was altered, or sealed for another context`);
    }
  }

  /** open() of a value sealed from a string. */
  async openText(sealed: Uint8Array, context: string, q?: Queryable): Promise<string> {
    return (await this.open(sealed, context, q)).toString('utf8');
  }

  /** The value sealed with the current data key: itself when it already is (after a rotation, to move values off a retired key). */
  async reseal(sealed: Uint8Array, context: string, q: Queryable = this.db): Promise<Buffer> {
    const plain = await this.open(sealed, context, q);
    if (sealedKeyId(sealed) === (await this.currentKey(q)).id) return asBuffer(sealed);
    return this.seal(plain, context, q);
  }

  /**
   * Unwraps every data key this node's master keys can, and makes sure there is a current one:
   * called at start, it leaves no seal or open a database read to make. The count of keys it
   * could not unwrap (their master key is missing) is worth a warning.
   */
  async load(): Promise<{ loaded: number; unavailable: number }> {
    let unavailable = 0;
    for (const row of await selectDataKeys(this.db)) {
      if (this.masters.has(row.master_key_id)) this.remember(row);
      else unavailable++;
    }
    await this.currentKey(this.db);
    return { loaded: this.keys.size, unavailable };
  }

  /** Retires the current data key and makes a new one, which seals from now on (on other nodes within a minute). */
  async rotateDataKey(options: { inTransaction?: InTransaction<Rotation> } = {}): Promise<Rotation> {
    const { rotation, key } = await this.db.transaction(async (tx) => {
      await lockDataKeys(tx);
      const retired = (await retireCurrentDataKey(tx)) ?? null;
      const key = await this.makeDataKey(tx);
      if (!key) throw new Error('pd_data_keys has a current key although it was just retired under a lock');
      const rotation = { retired, current: key.id };
      await options.inTransaction?.(tx, rotation);
      return { rotation, key };
    });
    this.generation++;
    this.current = { key, checkedAt: Date.now() };
    return rotation;
  }

  /**
   * Wraps every data key under the current master key, unwrapping those wrapped by a previous
   * one (OTVET_MASTER_KEY_PREVIOUS); after it, the previous master keys are no longer needed.
   * Changes nothing when a key's master key is missing.
   */
  async rewrap(options: { inTransaction?: InTransaction<Rewrapping> } = {}): Promise<Rewrapping> {
    const current = this.masterKeys.current;
    return this.db.transaction(async (tx) => {
      await lockDataKeys(tx);
      const rows = await selectDataKeys(tx);
      const others = rows.filter((r) => r.master_key_id !== current.id);
      const missing = [...new Set(others.map((r) => r.master_key_id).filter((id) => !this.masters.has(id)))];
      if (missing.length) {
        const count = others.filter((r) => missing.includes(r.master_key_id)).length;
        throw new VaultError(
          'vault.master_key_unavailable',
          `${count} data key(s) are wrapped by master key(s) ${missing.join(', ')}, which neither OTVET_MASTER_KEY (${current.id}) nor OTVET_MASTER_KEY_PREVIOUS holds: nothing was changed; add the old master key to OTVET_MASTER_KEY_PREVIOUS and run again`,
        );
      }
      for (const row of others) {
        const raw = this.unwrapBytes(row);
        try {
          await updateWrapping(tx, row.id, wrap(current, row.id, raw), current.id);
        } finally {
          raw.fill(0);
        }
      }
      const result = { rewrapped: others.length, keys: rows.length };
      await options.inTransaction?.(tx, result);
      return result;
    });
  }

  /** Every data key: which master key wraps it and whether this node holds it; no key material. */
  async status(): Promise<DataKeyStatus[]> {
    return (await selectDataKeys(this.db)).map((r) => ({
      id: r.id,
      masterKeyId: r.master_key_id,
      masterKey: r.master_key_id === this.masterKeys.current.id ? 'current' : this.masters.has(r.master_key_id) ? 'previous' : 'missing',
      createdAt: r.created_at.toISOString(),
      retiredAt: r.retired_at?.toISOString() ?? null,
    }));
  }

  /**
   * The key to seal with. Known: at once (looking again in the background now and then). Not yet
   * known: read, or made, through this.db, and remembered; through a caller's transaction it is
   * only used, since a key read or made there may not commit, and the read through this.db is
   * started for later seals (on PGlite it waits for that transaction to end).
   */
  private async currentKey(q: Queryable): Promise<DataKey> {
    const known = this.current;
    if (known) {
      if (Date.now() - known.checkedAt >= this.recheckMs) {
        known.checkedAt = Date.now();
        this.loadCurrent().catch(() => {
          // (the key known goes on sealing; the next look is the retry)
        });
      }
      return known.key;
    }
    const load = this.loadCurrent();
    if (q === this.db) return load;
    load.catch(() => {
      // (this seal reads through its transaction below; the next seal tries again)
    });
    return this.findOrMakeCurrent(q);
  }

  /** Reads (or makes) the committed current key through this.db and remembers it; one read at a time. */
  private loadCurrent(): Promise<DataKey> {
    if (this.currentLoad) return this.currentLoad;
    const generation = this.generation;
    const load = this.findOrMakeCurrent(this.db)
      .then((key) => {
        if (generation === this.generation) this.current = { key, checkedAt: Date.now() };
        return key;
      })
      .finally(() => {
        this.currentLoad = undefined;
      });
    this.currentLoad = load;
    return load;
  }

  private async findOrMakeCurrent(q: Queryable): Promise<DataKey> {
    // (made by another node between the read and the insert: then the next read finds it)
    for (let attempt = 0; attempt < 3; attempt++) {
      const row = await selectCurrentDataKey(q);
      if (row) return { id: row.id, key: this.keys.get(row.id) ?? this.remember(row) };
      const made = await this.makeDataKey(q);
      if (made) return made;
    }
    throw new Error('pd_data_keys: no current data key after three attempts to read or make one');
  }

  /** A new current data key, wrapped under the current master key; undefined when there already is one. */
  private async makeDataKey(q: Queryable): Promise<DataKey | undefined> {
    const id = await nextDataKeyId(q);
    const raw = randomBytes(DATA_KEY_BYTES);
    try {
      if (!(await insertCurrentDataKey(q, { id, wrapped: wrap(this.masterKeys.current, id, raw), masterKeyId: this.masterKeys.current.id }))) return undefined;
      const key = createSecretKey(raw);
      this.keys.set(id, key);
      return { id, key };
    } finally {
      raw.fill(0);
    }
  }

  /** A data key a value names, read once (one read at a time per key through this.db). */
  private dataKey(id: number, q: Queryable): Promise<KeyObject> {
    const read = async () => {
      const row = await selectDataKey(q, id);
      if (!row) throw new VaultError('vault.unknown_data_key', `data key ${id} does not exist: the value was not sealed by this database's vault`);
      return this.keys.get(id) ?? this.remember(row);
    };
    if (q !== this.db) return read();
    let load = this.loading.get(id);
    if (!load) {
      load = read().finally(() => this.loading.delete(id));
      this.loading.set(id, load);
    }
    return load;
  }

  private remember(row: DataKeyRow): KeyObject {
    const raw = this.unwrapBytes(row);
    try {
      const key = createSecretKey(raw);
      this.keys.set(row.id, key);
      return key;
    } finally {
      raw.fill(0);
    }
  }

  /** The data key's bytes; the caller wipes them. */
  private unwrapBytes(row: DataKeyRow): Buffer {
    const master = this.masters.get(row.master_key_id);
    if (!master) {
      throw new VaultError(
        'vault.master_key_unavailable',
        `data key ${row.id} is wrapped by master key ${row.master_key_id}, but OTVET_MASTER_KEY is ${this.masterKeys.current.id}` +
          `${this.masterKeys.previous.length ? ` and OTVET_MASTER_KEY_PREVIOUS holds ${this.masterKeys.previous.map((m) => m.id).join(', ')}` : ''}: ` +
          'give the master key it was wrapped with in OTVET_MASTER_KEY_PREVIOUS (then `otvet keys rotate --rewrap`)',
      );
    }
    const w = asBuffer(row.wrapped);
    const damaged = () => new VaultError('vault.data_key_damaged', `data key ${row.id} does not unwrap under master key ${master.id}: its row in pd_data_keys was altered`);
    if (w.length !== WRAPPED_BYTES || w[0] !== WRAPPED_VERSION) throw damaged();
    const decipher = createDecipheriv('aes-256-gcm', master.key, w.subarray(1, 1 + IV_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAAD(wrappingContext(row.id));
    decipher.setAuthTag(w.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(w.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]);
    } catch {
      throw damaged();
    }
  }
}

/** A data key wrapped under a master key; its id is the associated data, so a row's key cannot be moved to another row. */
function wrap(master: MasterKey, id: number, raw: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', master.key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(wrappingContext(id));
  const body = Buffer.concat([cipher.update(raw), cipher.final()]);
  return Buffer.concat([Buffer.of(WRAPPED_VERSION), iv, cipher.getAuthTag(), body]);
}

const wrappingContext = (id: number) => Buffer.from(`otvet:pd_data_key:${id}`, 'utf8');

const associatedData = (header: Buffer, context: string) => Buffer.concat([header, Buffer.from(context, 'utf8')]);

function checkContext(context: string) {
  if (typeof context !== 'string' || context === '') throw new VaultError('vault.no_context', 'a sealed value needs the context it is stored under, such as appeal:123:name');
}

/** A Buffer over the same bytes (PGlite reads bytea as a plain Uint8Array). */
function asBuffer(b: Uint8Array): Buffer {
  return Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}
