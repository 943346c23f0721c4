// Every word of the e-mail notices to appellants, in Russian, in one place: the subject and the
// plain text of each kind, and the simple HTML alternative made from that text. The status code is
// never in a mail (a mailbox is not a safe place for it): the mail says where to read the status
// with the number and the code the appellant was shown or told when filing.
import { escapeHtml } from '../platform/http/escape-html.ts';
import type { AppealStep } from './events.ts';

/** What a notice says, besides its kind. */
export interface MailFacts {
  number: string;
  /** The appeal type's name. */
  type: string;
  /** The organisation that answers it now (after a redirect: the new one). */
  organisation: string;
  /** The answer's due date, YYYY-MM-DD. */
  answerBy: string;
  /** The portal's status page. */
  statusUrl: string;
  /** The answer, the reason for a rejection or an extension, the organisation's message. */
  text?: string;
}

export interface MailText {
  subject: string;
  text: string;
}

const MONTHS = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];

/** 2026-04-09 → 9 апреля 2026 г. */
export function russianDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return `${d} ${MONTHS[m - 1]} ${y} г.`;
}

export const mailWords = {
  hello: 'Здравствуйте!',
  signature: 'Единая горячая линия 122',
  automatic: 'Это письмо отправлено автоматически, отвечать на него не нужно. Если вы не подавали обращение, просто удалите это письмо.',
  law: 'Федерального закона от 02.05.2006 № 59-ФЗ «О порядке рассмотрения обращений граждан Российской Федерации»',
  /** Where to read the status; the code is never in a mail. */
  statusHint: (url: string) =>
    `Следить за рассмотрением и прочитать ответ можно на странице ${url} — по номеру обращения и коду, который вам показали или назвали при подаче. В письмах этот код не пишется: не пересылайте его и никому не сообщайте.`,
  onStatusPage: (url: string) => `Ответ сохранён и на странице ${url} — по номеру обращения и коду, который вам показали или назвали при подаче.`,
  colleagues: 'Уважаемые коллеги!',
  workIt: (url: string) => `Прочитать обращение и работать с ним: ${url} (вход по учётной записи сотрудника). Персональные данные заявителя в письма не пишутся.`,
  automaticStaff: 'Это письмо отправлено автоматически: адрес организации указан в справочнике организаций платформы.',
  /** The page of the demo mailbox. */
  mailbox: {
    title: 'Демонстрационный почтовый ящик',
    lead: 'Письма заявителям об их обращениях и организациям о поступивших к ним, которые были бы отправлены, будь настроен SMTP-сервер (SMTP_URL). Новые сверху.',
    audiences: { citizen: 'заявителю', organisation: 'организации' },
    privacy:
      'Здесь видны персональные данные заявителей: страница есть только в демонстрационном режиме без SMTP-сервера и открывается только с этого компьютера (адреса 127.0.0.1, ::1) или федеральному администратору, вошедшему в систему.',
    empty: 'Писем пока нет. Подайте обращение с адресом электронной почты — письмо о регистрации появится здесь.',
    to: 'Кому',
    subject: 'Тема',
    kind: 'Повод',
    written: 'Записано',
    refused: 'Демонстрационный почтовый ящик открывается только с компьютера, на котором запущен otvet, или федеральному администратору, вошедшему в систему: в письмах персональные данные.',
    refusedTitle: 'Доступ закрыт',
  },
  kinds: {
    registered: 'регистрация',
    answered: 'ответ',
    rejected: 'без ответа по существу',
    redirected: 'перенаправлено',
    extended: 'срок продлён',
    message: 'сообщение организации',
  } satisfies Record<AppealStep, string>,
};

const paragraphs = (...parts: (string | false | undefined)[]) => parts.filter((p): p is string => typeof p === 'string' && p !== '').join('\n\n');

function letter(body: string): string {
  return `${mailWords.hello}\n\n${body}\n\n-- \n${mailWords.signature}\n${mailWords.automatic}\n`;
}

/** The subject and plain text of a notice. */
export function composeMail(kind: AppealStep, f: MailFacts): MailText {
  const about = `№ ${f.number} («${f.type}»)`;
  const due = russianDate(f.answerBy);
  const text = (f.text ?? '').trim();
  switch (kind) {
    case 'registered':
      return {
        subject: `Ваше обращение № ${f.number} зарегистрировано`,
        text: letter(paragraphs(`Ваше обращение ${about} зарегистрировано.`, `Рассматривает: ${f.organisation}\nОтвет будет дан не позднее ${due}`, mailWords.statusHint(f.statusUrl))),
      };
    case 'answered':
      return {
        subject: `Ответ на ваше обращение № ${f.number}`,
        text: letter(paragraphs(`На ваше обращение ${about} дан ответ.`, `Отвечает: ${f.organisation}`, text, mailWords.onStatusPage(f.statusUrl))),
      };
    case 'rejected':
      return {
        subject: `Обращение № ${f.number} оставлено без ответа по существу`,
        text: letter(
          paragraphs(
            `Ваше обращение ${about} оставлено без ответа по существу (статья 11 ${mailWords.law}).`,
            `Решение приняла организация: ${f.organisation}`,
            `Причина:\n${text}`,
            mailWords.statusHint(f.statusUrl),
          ),
        ),
      };
    case 'redirected':
      return {
        subject: `Обращение № ${f.number} направлено в другую организацию`,
        text: letter(
          paragraphs(
            `Ваше обращение ${about} передано на рассмотрение по компетенции (часть 3 статьи 8 ${mailWords.law}).`,
            `Теперь рассматривает: ${f.organisation}\nОтвет будет дан не позднее ${due}`,
            mailWords.statusHint(f.statusUrl),
          ),
        ),
      };
    case 'extended':
      return {
        subject: `Срок рассмотрения обращения № ${f.number} продлён`,
        text: letter(
          paragraphs(
            `Срок рассмотрения вашего обращения ${about} продлён до ${due} (часть 2 статьи 12 ${mailWords.law}).`,
            `Организация: ${f.organisation}\nПричина: ${text}`,
            mailWords.statusHint(f.statusUrl),
          ),
        ),
      };
    case 'message':
      return {
        subject: `Сообщение по вашему обращению № ${f.number}`,
        text: letter(paragraphs(`По вашему обращению ${about} пришло сообщение.`, `От кого: ${f.organisation}`, text, mailWords.statusHint(f.statusUrl))),
      };
  }
}

/** What a notice to an organisation says: no personal data (the officer reads those in the app, audited). */
export interface OrganisationMailFacts {
  number: string;
  type: string;
  answerBy: string;
  /** The officers' app. */
  appUrl: string;
}

/**
 * The notice to the organisation an appeal was routed to (registered) or passed to (redirected):
 * what came, by when the appellant must be answered and where to work it. Other steps are the
 * organisation's own doing: nothing to tell it.
 */
export function composeOrganisationMail(kind: 'registered' | 'redirected', f: OrganisationMailFacts): MailText {
  const about = `№ ${f.number} («${f.type}»)`;
  const came = kind === 'registered' ? `Поступило обращение ${about}.` : `Обращение ${about} передано вам по компетенции (часть 3 статьи 8 ${mailWords.law}).`;
  return {
    subject: `Новое обращение № ${f.number} («${f.type}»)`,
    text: `${mailWords.colleagues}\n\n${paragraphs(came, `Ответ заявителю — не позднее ${russianDate(f.answerBy)}.`, mailWords.workIt(f.appUrl))}\n\n-- \n${mailWords.signature}\n${mailWords.automaticStaff}\n`,
  };
}

/** The HTML alternative: the same text, escaped, in paragraphs, its web addresses as links. */
export function mailHtml(subject: string, text: string): string {
  const body = text
    .trim()
    .split(/\n{2,}/)
    .map((p) => `<p>${linkify(escapeHtml(p)).replace(/\n/g, '<br>\n')}</p>`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="ru">
<head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family: Arial, sans-serif; font-size: 16px; line-height: 1.5; color: #1a1a1a; max-width: 40em">
${body}
</body>
</html>
`;
}

/** (on escaped text: an address ends before a space or a tag; a sentence's last dot is not part of it) */
function linkify(escaped: string): string {
  return escaped.replace(/https?:\/\/[^\s<]+[^\s<.,;:!?)»]/g, (url) => `<a href="${url}">${url}</a>`);
}
