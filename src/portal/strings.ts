// Every word the portal shows, in one place (Russian first; another language would be another file).
export const t = {
  siteName: 'Ответ — горячая линия 122',
  siteShort: 'Ответ',
  tagline: 'Ответы на вопросы граждан: проверенные, понятные, актуальные',
  hotlineNumber: '122',
  hotlineCall: 'Единый номер горячей линии',
  footerCall: 'Звоните 122 — звонок бесплатный из любого региона России.',
  hotlineFree: 'Звонок бесплатный из любого региона России',
  skipLink: 'Перейти к содержанию',
  navHome: 'Главная',
  navHotline: 'Горячая линия 122',
  navAppeals: 'Обращения',
  navMain: 'Основное меню',
  region: 'Регион',
  regionNone: 'не выбран',
  regionChange: 'Изменить регион',
  regionChoose: 'Выбрать регион',
  regionTitle: 'Ваш регион',
  regionIntro: 'Выберите регион, чтобы видеть в ответах региональные дополнения и часы работы горячей линии. Выбор хранится в вашем браузере: только код региона, больше ничего.',
  regionSave: 'Сохранить',
  regionReset: 'Не учитывать регион',
  regionSaved: (name: string) => `Регион сохранён: ${name}.`,
  regionCleared: 'Регион больше не учитывается.',
  fontLarge: 'Крупный шрифт',
  fontNormal: 'Обычный шрифт',
  searchLabel: 'Поиск по ответам',
  searchPlaceholder: 'Например: отсрочка от мобилизации',
  searchButton: 'Найти',
  searchTitle: (q: string) => `Поиск: ${q}`,
  searchFound: (n: number) => `Найдено ответов: ${n}`,
  searchEmptyTitle: 'Ответ не найден',
  searchEmptyText: 'Мы не нашли готового ответа на этот вопрос. Позвоните на горячую линию 122 — оператор поможет — или попробуйте сформулировать вопрос иначе.',
  searchEmptyCall: 'Позвонить\u00a0122',
  searchAsk: 'Задать вопрос по телефону 122',
  searchHint: 'Введите вопрос своими словами.',
  sections: 'Разделы',
  recent: 'Актуальное',
  recentIntro: 'Недавно опубликованные и обновлённые ответы',
  popular: 'Популярное',
  popularIntro: 'Чаще всего читают за последние 7 дней',
  answersInSection: (n: number) => `${n} ${plural(n, 'ответ', 'ответа', 'ответов')}`,
  updatedOn: 'Обновлено',
  publishedOn: 'Опубликовано',
  related: 'Связанные ответы',
  supplementTitle: (region: string) => `Дополнение для региона: ${region}`,
  supplementNone: (region: string) => `Для региона «${region}» дополнений к этому ответу нет.`,
  supplementChoose: 'Выберите регион, чтобы увидеть региональные дополнения к ответу.',
  helpedQuestion: 'Этот ответ помог?',
  helpedYes: 'Да',
  helpedNo: 'Нет',
  helpedThanks: 'Спасибо! Ваш ответ учтён.',
  helpedThanksNo: 'Спасибо! Мы постараемся сделать ответ понятнее. Если вопрос остался, позвоните 122.',
  breadcrumbs: 'Навигационная цепочка',
  share: 'Поделиться',
  feed: 'Лента обновлений (Atom)',
  feedSection: (s: string) => `Лента раздела «${s}» (Atom)`,
  feedTitle: 'Ответ — новые и обновлённые ответы',
  sitemap: 'Карта сайта',
  footerAbout: 'Информационная горячая линия для граждан. Ответы подготовлены и проверены редакцией.',
  hotlineTitle: 'Горячая линия 122',
  hotlineIntro: [
    'Позвоните по короткому номеру 122 с мобильного или городского телефона. Звонок бесплатный.',
    'Сначала автоинформатор предложит выбрать тему. Затем на звонок ответит оператор регионального центра: он найдёт проверенный ответ, а при необходимости примет обращение.',
    'Если все операторы заняты, оставайтесь на линии или дождитесь обратного звонка — центр перезвонит вам.',
  ],
  hotlineHoursTitle: 'Часы работы по регионам',
  hotlineHoursNote: 'Время местное, по часовому поясу региона.',
  hotlineYours: (name: string) => `Ваш регион — ${name}`,
  colRegion: 'Регион',
  colWeekdays: 'Будни',
  colSaturday: 'Суббота',
  colSunday: 'Воскресенье',
  closed: 'выходной',
  allDay: 'круглосуточно',
  notFoundTitle: 'Страница не найдена',
  notFoundText: 'Такой страницы нет: возможно, ответ перенесён или адрес набран с ошибкой. Найдите ответ поиском или позвоните 122.',
  badRequestTitle: 'Неверный запрос',
  badRequestText: 'Запрос не удалось разобрать. Проверьте адрес или вернитесь на главную.',
  tooManyTitle: 'Слишком много запросов',
  tooManyText: 'С вашего адреса пришло слишком много запросов. Подождите минуту и попробуйте снова.',
  errorTitle: 'Что-то пошло не так',
  errorText: (id: string) => `На сайте произошла ошибка. Попробуйте обновить страницу через минуту или позвоните 122. Номер ошибки: ${id}.`,
  toHome: 'На главную',
  backLink: 'Вернуться',
};

function plural(n: number, one: string, few: string, many: string): string {
  const m10 = n % 10;
  const m100 = n % 100;
  if (m10 === 1 && m100 !== 11) return one;
  if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) return few;
  return many;
}

const months = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];

/** "5 марта 2026" in Moscow time (the federal editors' calendar). */
export function dateRu(iso: string): string {
  const [y, m, d] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(new Date(iso)).split('-');
  return `${Number(d)} ${months[Number(m) - 1]} ${y}`;
}
