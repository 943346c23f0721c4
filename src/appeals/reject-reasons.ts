// Why an appeal may be left without an answer on its merits: the grounds of 59-FZ art. 11, each
// with what the citizen is told.

export const rejectReasons = {
  no_name_or_address: 'В обращении не указаны фамилия или адрес, по которому должен быть направлен ответ (ст. 11 ч. 1 59-ФЗ).',
  court_decision: 'Вопрос касается судебного решения; обращение возвращается с разъяснением порядка обжалования (ст. 11 ч. 2 59-ФЗ).',
  offensive: 'Обращение содержит нецензурные либо оскорбительные выражения, угрозы жизни, здоровью и имуществу (ст. 11 ч. 3 59-ФЗ).',
  unreadable: 'Текст обращения не поддаётся прочтению (ст. 11 ч. 4 59-ФЗ).',
  unclear: 'Текст обращения не позволяет определить его суть (ст. 11 ч. 4.1 59-ФЗ).',
  repeated: 'На тот же вопрос уже неоднократно давались ответы по существу, новых доводов нет (ст. 11 ч. 5 59-ФЗ).',
  state_secret: 'Ответ по существу невозможен без разглашения охраняемой законом тайны (ст. 11 ч. 6 59-ФЗ).',
} as const;

export type RejectReason = keyof typeof rejectReasons;
export const rejectReasonCodes = Object.keys(rejectReasons) as [RejectReason, ...RejectReason[]];
