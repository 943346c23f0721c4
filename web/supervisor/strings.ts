// Every string the supervisor view shows, in one place (Russian; another language is another copy).
import { plural } from '../../src/platform/text/russian.ts';
import { agentStates, breakReasons, callStates, endReasons, outcomes, ru } from '../shared/codes-ru.ts';
import type { SettableState } from './api-shapes.ts';

export const strings = {
  title: 'Супервизор',
  regionLabel: 'Регион',
  federal: 'Резервный центр',
  clockLabel: 'Время в регионе',

  live: {
    connecting: 'Подключение…',
    online: 'Данные обновляются',
    lost: 'Связь потеряна — переподключение…',
    lostSince: (time: string) => `Связь потеряна с ${time}. Данные могут быть устаревшими, переподключаемся…`,
    updated: (time: string) => `обновлено в ${time}`,
  },

  queues: {
    heading: 'Очереди',
    empty: 'В регионе нет очередей.',
    waiting: 'Ждут',
    waitingNow: (n: number) => `${n} ${plural(n, ['звонок', 'звонка', 'звонков'])} в очереди`,
    longestWait: 'Дольше всех',
    noWait: 'никто не ждёт',
    overNorm: (seconds: number) => `дольше нормы (${seconds} с)`,
    serviceLevel: 'Уровень сервиса сегодня',
    norm: (target: string, seconds: number) => `норма ${target} за ${seconds} с`,
    slOk: 'в норме',
    slBad: 'ниже нормы',
    slNone: 'нет данных',
    today: (offered: number, answered: number, abandoned: number) => `сегодня: поступило ${offered}, принято ${answered}, потеряно ${abandoned}`,
  },

  operators: {
    heading: 'Операторы',
    empty: 'В регионе пока нет операторов: место появляется, когда оператор впервые входит в систему.',
    name: 'Оператор',
    state: 'Состояние',
    timeInState: 'В состоянии',
    call: 'Звонок',
    actions: 'Действия',
    sortBy: (column: string) => `Сортировать по столбцу «${column}»`,
    summary: (counts: string) => `Всего: ${counts}`,
    breakAfter: (reason: string) => `после звонка — перерыв (${reason})`,
    change: 'Сменить',
    changeFor: (name: string) => `Сменить состояние оператора: ${name}`,
  },

  change: {
    title: (name: string) => `Состояние оператора: ${name}`,
    current: (state: string, time: string) => `Сейчас: ${state}, ${time}`,
    choose: 'Новое состояние',
    reason: 'Причина перерыва',
    /** The break reasons offered, as codes (their words: web/shared/codes-ru.ts), as the workstation sends them. */
    reasons: ['lunch', 'training', 'meeting', 'technical'],
    confirm: (name: string, state: string) => `${name} → «${state}». Подтвердите смену состояния.`,
    onCallNote: 'Оператор на звонке: перерыв начнётся после завершения обработки звонка; «Выход» во время звонка невозможен.',
    ringingNote: 'Оператору сейчас поступает звонок: дождитесь ответа.',
    submit: 'Подтвердить',
    cancel: 'Отмена',
    saving: 'Сохранение…',
    done: (name: string, state: string) => `${name}: ${state}`,
    errorTitle: 'Не удалось сменить состояние',
  },

  calls: {
    heading: 'Последние звонки',
    empty: 'Сегодня звонков ещё не было.',
    time: 'Время',
    region: 'Регион',
    caller: 'Номер',
    queue: 'Очередь',
    state: 'Состояние',
    operator: 'Оператор',
    outcome: 'Итог',
    wait: 'Ожидание',
    overflowed: 'переведён из другого региона',
    callback: 'обратный звонок',
    hidden: 'скрыт',
  },

  quality: {
    heading: 'Качество связи сегодня',
    note: 'по звонкам, принятым на телефон в браузере',
    empty: 'Сегодня звонков из браузера не было.',
    operator: 'Оператор',
    calls: 'Звонков',
    mosAvg: 'MOS средний',
    mosMin: 'MOS худший',
    poorCalls: 'Плохих звонков',
    loss: 'Потери',
    jitter: 'Джиттер',
    rtt: 'Задержка',
    poor: 'плохая связь',
    ms: (n: string) => `${n} мс`,
    pct: (n: string) => `${n} %`,
    total: (calls: number, mos: string, poor: number, loss: string) => `Всего: ${calls} ${plural(calls, ['звонок', 'звонка', 'звонков'])}, MOS средний ${mos}, плохих ${poor}, потери ${loss} %`,
    legend: 'Плохая связь — MOS ниже 3,6 (5 — отлично, 1 — разговаривать невозможно).',
    loadFailed: 'Не удалось загрузить качество связи.',
  },

  /** The API's codes, in words shared by the apps (web/shared/codes-ru.ts). */
  agentState: agentStates,

  /** The three states a supervisor sets, as actions. */
  setState: {
    ready: 'Готов',
    break: 'Перерыв',
    offline: 'Выход из линии',
  } satisfies Record<SettableState, string>,

  /** A break's reason in words; a break without one is just «перерыв». */
  breakReason: (reason: string | null) => (reason ? ru(breakReasons, reason) : breakReasons.break!),

  callState: callStates,

  outcome: outcomes,

  closeReason: endReasons,

  errors: {
    load: 'Не удалось загрузить данные.',
    forbidden: 'Этот экран доступен супервизорам, координаторам и администраторам.',
    network: 'Нет связи с сервером. Проверьте подключение и повторите.',
    conflict: 'Действие сейчас невозможно',
    notFound: 'Оператор не найден (возможно, его учётная запись отключена).',
    generic: (status: number) => `Ошибка сервера (${status}).`,
    retry: 'Повторить',
    dismiss: 'Закрыть',
  },
};
