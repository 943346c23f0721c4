// The staff apps' Russian for the API's codes (web/shared/codes-ru.ts): every value the API's enums
// declare has its words, and so does every reason the platform writes when a call ends; a code
// unknown to a dictionary is shown as it came.
import { describe, expect, it } from 'vitest';
import { agentStates as apiAgentStates } from '../src/contact-center/agents-queries.ts';
import { callStates as apiCallStates } from '../src/contact-center/call-fold.ts';
import { outcomes as apiOutcomes } from '../src/contact-center/schema.ts';
import { listedAppealSchema } from '../src/appeals/work-schema.ts';
import { regionFiguresSchema } from '../src/monitoring/schema.ts';
import { planSchema } from '../src/staffing/schema.ts';
import type { EndReason } from '../src/telephony/edge/call-actions.ts';
import { strings } from '../web/supervisor/strings.ts';
import { agentStates, appealChannels, breakReasons, callStates, endReasons, forecastMethods, outcomes, queueName, regionStatuses, ru } from '../web/shared/codes-ru.ts';

/** Every reason the edge reports (its type is the list: a new one fails the typecheck here). */
const edgeReasons = Object.keys({
  hung_up_in_ivr: 1,
  caller_hung_up: 1,
  operator_hung_up: 1,
  operator_ended: 1,
  service_unavailable: 1,
  callback_not_answered: 1,
  no_number_to_call_back: 1,
  media_unavailable: 1,
  edge_stopped: 1,
  edge_restarted: 1,
} satisfies Record<EndReason, 1>);

/** The codes without words of their own (a name such as API or Open311 counts, the code itself does not). */
const unlabelled = (codes: readonly string[], words: Record<string, string>) => codes.filter((c) => !Object.hasOwn(words, c) || !words[c] || words[c] === c);

describe('the API codes in Russian', () => {
  it('has words for every value of the API enums', () => {
    expect(unlabelled(apiAgentStates, agentStates)).toEqual([]);
    expect(unlabelled(apiCallStates, callStates)).toEqual([]);
    expect(unlabelled(apiOutcomes, outcomes)).toEqual([]);
    expect(unlabelled(regionFiguresSchema.shape.status.options, regionStatuses)).toEqual([]);
    expect(unlabelled(listedAppealSchema.shape.channel.options, appealChannels)).toEqual([]);
    expect(unlabelled(planSchema.shape.forecast.shape.method.options, forecastMethods)).toEqual([]);
  });

  it('has words for every reason a call ends with, and the break reasons the platform writes', () => {
    // the edge's, the call fold's defaults, the ACD's restart, the simulator's and the test call's
    const others = ['ended_before_answer', 'closed_after_restart', 'simulation_ended', 'test_call_unanswered', 'test_caller_hung_up'];
    expect(unlabelled([...edgeReasons, ...others], endReasons)).toEqual([]);
    // the workstation's button, the simulator's shifts, a missed call, the supervisor's dialog
    expect(unlabelled(['rest', 'break', 'lunch', 'missed', ...strings.change.reasons], breakReasons)).toEqual([]);
  });

  it('shows a code it does not know as it came', () => {
    expect(ru(endReasons, 'hung_up_in_ivr')).toBe('положил трубку в голосовом меню');
    expect(ru(endReasons, 'something_new')).toBe('something_new');
    expect(ru(breakReasons, 'обед')).toBe('обед');
    expect(ru(breakReasons, 'toString')).toBe('toString');
    expect(ru(endReasons, null)).toBeUndefined();
    expect(queueName({ name: 'general', region: '77' })).toBe('Общая очередь');
    expect(queueName({ name: 'general', region: 'federal' })).toBe('Федеральный резерв');
    expect(queueName({ name: 'veterans', region: '77' })).toBe('veterans');
  });
});
