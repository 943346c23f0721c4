// The API's codes as staff read them, one Russian dictionary per kind, shared by the apps (operator,
// supervisor, wallboard, reports). The enums' dictionaries are typed against the API's schema, so a
// code the API adds fails the typecheck until it has its words; the free-form reasons (of a break,
// of a call's end) list the ones the platform writes, and ru() shows any other as it came.
import type { Answer, RequestOf, Schema } from './api-types.ts';

export type AgentStateCode = Schema<'Operator'>['state'];
export type CallStateCode = Schema<'Call'>['state'];
export type RegionStatusCode = Schema<'RegionFigures'>['status'];
export type AppealChannelCode = Schema<'ListedAppeal'>['channel'];
export type ForecastMethodCode = Answer<'/api/v1/staffing/plan'>['forecast']['method'];
export type OutcomeCode = NonNullable<RequestOf<'/api/v1/agent/calls/{callId}/wrap-up', 'post'>['body']>['outcome'];

/** An operator's state, as the supervisor's list and the wallboard name it. */
export const agentStates: Record<AgentStateCode, string> = {
  offline: 'Не в сети',
  ready: 'Готов',
  ringing: 'Вызов',
  talking: 'Разговор',
  wrap_up: 'Обработка',
  break: 'Перерыв',
};

/** A call's state. */
export const callStates: Record<CallStateCode, string> = {
  pending: 'Поступает',
  ivr: 'Голосовое меню',
  waiting: 'В очереди',
  ringing: 'Вызов оператора',
  talking: 'Разговор',
  wrap_up: 'Обработка',
  ended: 'Завершён',
  abandoned: 'Потерян',
  callback_pending: 'Ждёт обратного звонка',
};

/** What came of a call, as the operator chose it in wrap-up. */
export const outcomes: Record<OutcomeCode, string> = {
  answered: 'Дан ответ',
  appeal_needed: 'Нужно обращение',
  transferred: 'Переведён',
  callback: 'Перезвонить',
  dropped: 'Связь прервалась',
};

/** A region by its live service level, as the wallboard's tiles and legend say it. */
export const regionStatuses: Record<RegionStatusCode, string> = {
  below: 'ниже нормы',
  at_risk: 'на грани',
  meets: 'в норме',
  no_calls: 'нет звонков',
};

/** Where a citizen's appeal came in (the reports' and the year's summary's channels). */
export const appealChannels: Record<AppealChannelCode, string> = {
  portal: 'портал',
  operator: 'оператор линии 122',
  api: 'API',
  open311: 'Open311',
};

/** How the staffing plan forecast the week's calls. */
export const forecastMethods: Record<ForecastMethodCode, string> = {
  'seasonal-naive': 'как прошлая неделя',
  'holt-winters': 'Холт — Винтерс',
};

/**
 * Why an operator is on a break (the API takes any word: these are the workstation's, the
 * supervisor's dialog's, the simulator's and the platform's own; any other is shown as it came).
 */
export const breakReasons: Record<string, string> = {
  break: 'перерыв',
  rest: 'отдых',
  lunch: 'обед',
  training: 'обучение',
  meeting: 'совещание',
  technical: 'технический перерыв',
  missed: 'пропущен вызов',
};

/**
 * Why a call ended or was lost (the edge, the ACD, the simulator and the test call write these: see
 * src/telephony/edge/, src/contact-center/, src/simulator/caller.ts).
 */
export const endReasons: Record<string, string> = {
  caller_hung_up: 'абонент положил трубку',
  hung_up_in_ivr: 'положил трубку в голосовом меню',
  ended_before_answer: 'завершён до ответа',
  operator_hung_up: 'оператор завершил',
  operator_ended: 'оператор завершил',
  callback_not_answered: 'не ответил на обратный звонок',
  no_number_to_call_back: 'нет номера для обратного звонка',
  service_unavailable: 'линия недоступна',
  closed_after_restart: 'закрыт после перезапуска',
  media_unavailable: 'сбой медиасервера',
  edge_stopped: 'остановка телефонного шлюза',
  edge_restarted: 'сбой телефонного шлюза',
  simulation_ended: 'симуляция завершена',
  test_call_unanswered: 'тестовый звонок без ответа',
  test_caller_hung_up: 'тестовый абонент положил трубку',
};

/** The queues the platform makes itself (a region's others are named by its admin, with a title). */
export const queueNames: Record<string, string> = { general: 'Общая очередь' };

/** A queue known only by its code (another region's, on an overflowed call): the federal one is the reserve. */
export const queueName = (q: { name: string; region: string }) => (q.region === 'federal' && q.name === 'general' ? 'Федеральный резерв' : ru(queueNames, q.name));

/** A code's words from its dictionary; a code not (yet) in it as it came, rather than nothing. */
export function ru(words: Readonly<Record<string, string>>, code: string): string;
export function ru(words: Readonly<Record<string, string>>, code: string | null | undefined): string | undefined;
export function ru(words: Readonly<Record<string, string>>, code: string | null | undefined): string | undefined {
  if (code === null || code === undefined) return undefined;
  return Object.hasOwn(words, code) ? words[code] : code;
}
