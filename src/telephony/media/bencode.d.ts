// Types for the npm package bencode 4 (ships none). Strings decode as Uint8Array unless an encoding
// is given; encode skips null and undefined values in dictionaries and lists.
declare module 'bencode' {
  export type Decoded = number | Uint8Array | Decoded[] | { [key: string]: Decoded };

  interface Bencode {
    encode(data: unknown): Uint8Array;
    decode(data: Uint8Array, encoding?: undefined): Decoded;
    decode(data: Uint8Array, start: number | undefined, end: number | undefined, encoding?: string): Decoded;
    byteLength(value: unknown): number;
    encodingLength(value: unknown): number;
  }

  const bencode: Bencode;
  export default bencode;
}
