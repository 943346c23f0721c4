// The API's shapes the supervisor view reads, generated from openapi/openapi.json (see
// web/shared/api-types.ts); apart from model.ts so that strings.ts can name their states.
import type { RequestOf, Schema } from '../shared/api-types.ts';

export type Overview = Schema<'RegionOverview'>;
export type QueueNow = Overview['queues'][number];
export type Agent = Schema<'Operator'>;
export type AgentState = Agent['state'];
export type Call = Schema<'Call'>;
export type CallState = Call['state'];
export type Norms = Schema<'Norms'>;
export type CallQualityReport = Schema<'CallQualityReport'>;
export type OperatorQuality = CallQualityReport['operators'][number];
/** What a supervisor may set an operator to. */
export type SettableState = RequestOf<'/api/v1/operators/{id}/state', 'post'>['body']['state'];
