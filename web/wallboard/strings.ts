// Every word the wallboard shows.
import { plural } from '../../src/platform/text/russian.ts';
import { regionStatuses } from '../shared/codes-ru.ts';

export const t = {
  title: 'Координационный центр',
  waitingNow: 'Ждут ответа',
  answeredToday: 'Отвечено сегодня',
  slToday: 'Уровень обслуживания сегодня',
  regionsMeeting: (n: number, of: number, judged: number) =>
    `${n} из ${of} ${plural(of, ['региона', 'регионов', 'регионов'])} ${plural(n, ['выполняет', 'выполняют', 'выполняют'])} нормативы сегодня (звонки были в ${judged})`,
  topTopics: 'Темы последнего часа',
  noTopics: 'Звонков за последний час не было',
  alerts: 'Тревоги',
  noAlerts: 'Тревог нет',
  alertText: (sl: string, target: string) => `уровень ${sl} при нормативе ${target}`,
  since: 'с',
  /** (in words shared by the apps: web/shared/codes-ru.ts) */
  status: regionStatuses,
  waiting: 'ждут',
  updated: 'Обновлено',
  live: { connecting: 'Подключение…', open: 'Данные в реальном времени', lost: 'Нет связи — переподключение' } as Record<string, string>,
  legend: 'Цвет — уровень обслуживания за последние 30 минут',
  more: 'подробнее',
  stale: (since: string) => `Нет связи с сервером с ${since}: цифры на экране устарели. Переподключение…`,
  curve: {
    national: 'Звонки по стране сегодня, по 15 минут',
    region: 'Звонки сегодня, по 15 минут',
    today: 'сегодня',
    lastWeek: (date: string) => `неделю назад (${date})`,
    zone: (z: string) => z,
    moscow: 'время московское',
    local: 'время местное',
    sentence: (today: number, lastWeek: number, date: string) =>
      `Сегодня поступило ${today.toLocaleString('ru-RU')} ${plural(today, ['звонок', 'звонка', 'звонков'])}; ${date} к этому времени — ${lastWeek.toLocaleString('ru-RU')}.`,
  },
  detail: {
    callsToday: (date: string) => `Звонки за ${date} (местное время)`,
    offered: 'Поступило',
    answered: 'Отвечено',
    sl: 'Уровень обслуживания',
    asa: 'Среднее ожидание ответа',
    abandonRate: 'Доля потерянных',
    waiting: 'Ждут сейчас',
    seconds: 'с',
    appeals: 'Обращения граждан',
    open: 'На рассмотрении',
    overdue: 'Просрочено',
    overdueShare: 'Доля просроченных',
    loading: 'Загрузка…',
    close: 'Закрыть',
  },
};
