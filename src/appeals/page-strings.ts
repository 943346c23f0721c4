// Every word the appeals pages of the portal show, in Russian, in one place (the portal's own words
// are in src/portal/strings.ts). The messages about a field's value come from appeal-form.ts, the
// same ones the API returns.
import { MONTHS_GENITIVE, plural } from '../platform/text/russian.ts';
import type { AppealStatus } from './appeals-queries.ts';

export const s = {
  title: 'Обращения',
  description: 'Письменное обращение в государственный орган или организацию: регистрация, срок ответа, статус по номеру и коду.',
  intro: 'Напишите обращение, и его направят в организацию, которая отвечает на такие вопросы в вашем регионе. Обращение регистрируют, а ответ дают в срок, установленный законом.',
  typesTitle: 'Виды обращений',
  answerWithin: (days: number) => `Срок ответа — ${days} ${plural(days, ['день', 'дня', 'дней'])} со дня регистрации.`,
  fileThis: 'Подать обращение',
  termsTitle: 'Сроки и статус обращения',
  termsRegister: (days: number) => `Регистрация — в течение ${days} ${plural(days, ['дня', 'дней', 'дней'])}.`,
  termsRegisterText:
    'Так требует Федеральный закон № 59-ФЗ «О порядке рассмотрения обращений граждан Российской Федерации». Обращение, отправленное на этом сайте, регистрируется сразу: вы получите его номер.',
  termsAnswer: (days: number) => `Ответ — в течение ${days} ${plural(days, ['дня', 'дней', 'дней'])} со дня регистрации.`,
  termsAnswerText: (days: number) =>
    days > 0 ? `В исключительных случаях срок продлевают, но не более чем на ${days} ${plural(days, ['день', 'дня', 'дней'])}, и сообщают вам об этом.` : 'Срок не продлевается.',
  termsCode: 'Номер и код для проверки статуса.',
  termsCodeText:
    'После отправки вы получите номер обращения и секретный код. По ним на странице «Статус обращения» можно узнать, что с обращением, и прочитать ответ. Код показывается один раз: запишите его.',
  statusLink: 'Узнать статус обращения',
  byPhone: 'Обращение можно подать и по телефону горячей линии 122 — оператор запишет его с ваших слов.',

  // the form
  crumbs: 'Навигационная цепочка',
  home: 'Главная',
  aboutYou: 'О вас',
  formIntro: 'Поля без пометки «необязательно» нужно заполнить.',
  optional: '(необязательно)',
  region: 'Регион',
  regionHint: 'Обращение направят в организацию этого региона.',
  regionChoose: 'Выберите регион',
  regionMissing: 'Выберите регион.',
  regionNoRoute: 'В этом регионе обращения такого вида пока не принимаются на сайте. Позвоните на горячую линию 122.',
  name: 'Фамилия, имя, отчество',
  nameHint: 'Отчество — если есть.',
  phone: 'Телефон',
  phoneHint: 'Например, +7 916 123-45-67. Если позвонить вам будет удобнее.',
  replyTo: 'Куда направить ответ',
  replyToHint: 'Укажите электронную почту, почтовый адрес или и то и другое.',
  email: 'Электронная почта',
  address: 'Почтовый адрес',
  addressHint: 'С индексом, например: 101000, Москва, ул. Мясницкая, д. 1, кв. 1.',
  aboutTitle: 'Об обращении',
  choose: 'Выберите',
  text: 'Текст обращения',
  textHint: 'Опишите своими словами, что произошло и о чём вы просите. Укажите даты и названия, если знаете их.',
  filesLabel: 'Документы',
  filesHint: 'До 3 файлов: фотографии (JPEG, PNG, GIF, WebP) или PDF, каждый не больше 10 МБ. Несколько файлов можно выбрать сразу.',
  filesAgain: (names: string) => `Выбранные файлы (${names}) не сохранились: браузер не возвращает файлы в форму. Если они нужны, выберите их ещё раз перед отправкой.`,
  filesTooMany: (max: number, chosen: number) => `Можно приложить не больше ${max} ${plural(max, ['файла', 'файлов', 'файлов'])}, а выбрано ${chosen}. Выберите не больше ${max}.`,
  fileTooBig: (name: string) => `«${name}»: больше 10 МБ. Приложите файл поменьше, например фотографию с меньшим разрешением.`,
  filesUnnamed: 'файл без имени',
  tooLargeTitle: 'Файлы слишком большие',
  tooLargeText: 'Форма с файлами больше, чем можно отправить: не больше 3 файлов, каждый не больше 10 МБ. Обращение не отправлено.',
  tooLargeNext: 'Вернитесь к форме кнопкой «Назад» браузера, проверьте, что написанное сохранилось, и выберите файлы поменьше — например, фотографии с меньшим разрешением.',
  suggest: 'Проверить, нет ли готового ответа',
  suggestHint: 'Мы поищем ответ на ваш вопрос в базе ответов горячей линии. Обращение при этом не отправляется.',
  suggestionsTitle: 'Возможно, здесь уже есть ответ на ваш вопрос',
  suggestionsNewTab: 'Ответы открываются в новой вкладке, чтобы не потерялось то, что вы уже написали в форме.',
  suggestionsNotSent: 'Обращение ещё не отправлено. Если готовый ответ не подошёл, заполните форму до конца и отправьте её.',
  suggestionsEmptyTitle: 'Поиск готового ответа',
  suggestionsNone: 'Готового ответа не нашлось. Заполните форму до конца и отправьте обращение — его рассмотрят.',
  suggestionsNoText: 'Сначала напишите в поле «Текст обращения», о чём ваш вопрос, а затем нажмите кнопку ещё раз.',
  newTab: '(откроется в новой вкладке)',
  consentTitle: 'Согласие на обработку персональных данных',
  submit: 'Отправить обращение',
  errorPrefix: 'Ошибка:',
  errorTitlePrefix: 'Ошибка: ',
  errorSummary: 'Проверьте, пожалуйста, форму',
  errorOther: 'Обращение не удалось принять. Попробуйте ещё раз через минуту или позвоните 122.',

  // after filing
  filedTitle: 'Обращение отправлено',
  number: 'Номер обращения',
  code: 'Код для проверки статуса',
  keepCode: 'Запишите или сфотографируйте номер и код.',
  keepCodeText: 'Код показан только один раз, восстановить его нельзя. По номеру и коду вы узнаете статус обращения и прочитаете ответ.',
  nextTitle: 'Что будет дальше',
  nextRegistered: (organisation: string) => `Обращение зарегистрировано и направлено в организацию: ${organisation}.`,
  // (the date ends with «г.»)
  nextAnswer: (date: string) => `Ответ должен быть дан ${date}`,
  nextExtension: (days: number) => `Срок могут продлить не более чем на ${days} ${plural(days, ['день', 'дня', 'дней'])} — об этом вам сообщат.`,
  nextStatus: 'Статус обращения и ответ можно узнать на странице «Статус обращения» по номеру и коду.',
  duplicateTitle: 'Это обращение уже отправлено',
  resentNote: 'Это обращение вы уже отправили несколько минут назад, второе не создано. Вот его номер и код.',
  duplicateText: (number: string) =>
    `Такое же обращение от вас уже зарегистрировано под номером ${number}. Новое обращение не создано. Код для проверки статуса вам показали, когда вы отправили его в первый раз.`,
  toAppeals: 'Все виды обращений',

  // the status
  statusTitle: 'Статус обращения',
  statusIntro: 'Введите номер обращения и код, которые вы получили, когда отправили обращение.',
  statusNumberHint: 'Например, 122-2026-000123.',
  statusCodeHint: '8 букв и цифр.',
  statusSubmit: 'Узнать статус',
  statusNumberMissing: 'Укажите номер обращения.',
  statusNumberBad: 'Номер обращения выглядит так: 122-2026-000123.',
  statusCodeMissing: 'Укажите код для проверки статуса.',
  statusNotFound: 'Обращение с таким номером и кодом не найдено. Проверьте номер и код: они в сообщении, которое вы получили при отправке.',
  appealWord: 'Обращение',
  numberSign: (number: string) => `№ ${number}`,
  statusOf: (number: string) => `Обращение № ${number}`,
  kind: 'Вид обращения',
  status: 'Статус',
  organisation: 'Организация',
  registered: 'Зарегистрировано',
  answerBy: 'Срок ответа',
  extended: 'срок продлён',
  answerTitle: 'Ответ',
  answerFiles: 'Файлы к ответу',
  download: 'Скачать',
  fileSize: (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} КБ` : `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} МБ`),
  fileKind: (contentType: string) => ({ 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG', 'image/gif': 'GIF', 'image/webp': 'WebP' })[contentType] ?? 'файл',
  fileNotFound: 'Файл не найден. Узнайте статус обращения ещё раз: ссылки на файлы ответа — на странице статуса.',
  messagesTitle: 'Сообщения по обращению',
  noMessages: 'Сообщений пока нет.',
  anotherStatus: 'Узнать статус другого обращения',
};

/** What each status means for the citizen, a line under its name. */
export const statusExplained: Record<AppealStatus, string> = {
  registered: 'Обращение зарегистрировано и ждёт рассмотрения в организации.',
  forwarded: 'Обращение направлено в организацию, которая отвечает на такие вопросы.',
  in_progress: 'Обращение рассматривают.',
  answered: 'На обращение дан ответ: он ниже.',
  closed: 'Рассмотрение обращения завершено.',
  rejected: 'Обращение оставлено без ответа по существу; причина — ниже.',
  redirected: 'Обращение передано в другую организацию; срок ответа не меняется.',
};

/** A calendar date (YYYY-MM-DD) in words: "5 января 2027 г.". */
export function dayRu(date: string): string {
  const [y, m, d] = date.split('-');
  return `${Number(d)} ${MONTHS_GENITIVE[Number(m) - 1]} ${y} г.`;
}

/** An instant's date in Moscow time (the status page does not know the organisation's zone). */
export function instantDayRu(iso: string): string {
  return dayRu(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(new Date(iso)));
}

/** The answer's due date as the citizen is told it: "до 5 января 2027 г.". */
export const dueRu = (date: string) => `до ${dayRu(date)}`;
