// Every word the wallboard shows.
export const t = {
  title: 'Координационный центр',
  waitingNow: 'Ждут ответа',
  answeredToday: 'Отвечено сегодня',
  slToday: 'Уровень обслуживания сегодня',
  regionsMeeting: (n: number, of: number, judged: number) => `${n} из ${of} регионов выполняют нормативы сегодня (звонки были в ${judged})`,
  topTopics: 'Темы последнего часа',
  noTopics: 'Звонков за последний час не было',
  alerts: 'Тревоги',
  noAlerts: 'Тревог нет',
  alertText: (sl: string, target: string) => `уровень ${sl} при нормативе ${target}`,
  since: 'с',
  status: { below: 'ниже нормы', at_risk: 'на грани', meets: 'в норме', no_calls: 'нет звонков' } as Record<string, string>,
  waiting: 'ждут',
  updated: 'Обновлено',
  live: { connecting: 'Подключение…', open: 'Данные в реальном времени', lost: 'Нет связи — переподключение' } as Record<string, string>,
  legend: 'Цвет — уровень обслуживания за последние 30 минут',
};
