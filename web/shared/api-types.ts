// The API's shapes for the apps, read from the types generated from openapi/openapi.json
// (api-schema.ts, `npm run openapi`): a path's parameters, body and answer, and named schemas.
import type { components, paths } from './api-schema.ts';

/** A schema the API names (components.schemas in openapi.json): Schema<'Operator'>. */
export type Schema<K extends keyof components['schemas']> = components['schemas'][K];

export type Method = 'get' | 'post' | 'put' | 'delete';
export type Path = keyof paths;

/** The paths that answer a method. */
export type PathsOf<M extends Method> = { [P in Path]: [NonNullable<paths[P][M]>] extends [never] ? never : P }[Path];

type Operation<P extends Path, M extends Method> = NonNullable<paths[P][M]>;

type Success<O> = O extends { responses: infer R }
  ? { [S in keyof R]: S extends 200 | 201 | 202 | 204 ? (R[S] extends { content: { 'application/json': infer B } } ? B : undefined) : never }[keyof R]
  : never;

/** What a path answers with when it succeeds: Answer<'/api/v1/agent'>. */
export type Answer<P extends Path, M extends Method = 'get'> = Success<Operation<P, M>>;

type Parameters_<O> = O extends { parameters: infer X } ? X : never;
type PathPart<X> = X extends { path: infer A } ? { path: A } : { path?: never };
type QueryPart<X> = X extends { query: infer Q } ? { query: Q } : X extends { query?: infer Q } ? ([Q] extends [undefined] ? { query?: never } : { query?: Q }) : { query?: never };
type BodyPart<O> = O extends { requestBody?: never }
  ? { body?: never }
  : O extends { requestBody: { content: { 'application/json': infer B } } }
    ? { body: B }
    : O extends { requestBody?: { content: { 'application/json': infer B } } }
      ? { body?: B }
      : { body?: never };

/** A request's path and query parameters and JSON body, each required where the operation requires it. */
export type RequestOf<P extends Path, M extends Method> = PathPart<Parameters_<Operation<P, M>>> & QueryPart<Parameters_<Operation<P, M>>> & BodyPart<Operation<P, M>>;

/** A request's parts as arguments: optional when nothing in them is required. */
export type RequestArgs<P extends Path, M extends Method> = object extends RequestOf<P, M> ? [request?: RequestOf<P, M>] : [request: RequestOf<P, M>];
