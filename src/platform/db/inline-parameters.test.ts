// What may travel written into the BEGIN's message, and what may not.
import { describe, expect, it } from 'vitest';
import { inlineParameters } from './postgres.ts';

describe('parameters written into a statement', () => {
  it('quotes values as the literal text PostgreSQL would have received', () => {
    expect(inlineParameters('SELECT * FROM f($1::text[], $2) LIMIT $3', [["a'b", 'c"d', null], "it's", 5])).toBe(`SELECT * FROM f( E'{"a''b","c\\\\"d",NULL}'::text[], 'it''s') LIMIT '5'`);
    // a backslash: the E'' form, read the same whatever standard_conforming_strings says
    expect(inlineParameters('SELECT $1', ['back\\slash'])).toBe("SELECT  E'back\\\\slash'");
  });

  it('keeps to what is safe: no quotes, dollar quoting or comments in the text, plain values only', () => {
    expect(inlineParameters("SELECT 'x' || $1", ['y'])).toBeUndefined();
    expect(inlineParameters('SELECT $$x$$ || $1', ['y'])).toBeUndefined();
    expect(inlineParameters('SELECT $1 -- note', ['y'])).toBeUndefined();
    expect(inlineParameters('SELECT $1', [{ a: 1 }])).toBeUndefined();
    expect(inlineParameters('SELECT $1', [new Date(0)])).toBeUndefined();
    expect(inlineParameters('SELECT $1, $2', ['only one'])).toBeUndefined();
    expect(inlineParameters('SELECT $1', [Number.NaN])).toBeUndefined();
  });
});
