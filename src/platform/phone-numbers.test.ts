import { describe, expect, it } from 'vitest';
import { maskPhoneNumbers } from './phone-numbers.ts';

describe('phone numbers in free text', () => {
  it.each([
    // Russian numbers however they are typed: all but the last two digits hidden
    ['+7 916 123-45-67', '+7 *** ***-**-67'],
    ['89161234567', '+7 *** ***-**-67'],
    ['79161234567', '+7 *** ***-**-67'],
    ['9161234567', '+7 *** ***-**-67'],
    ['8 (916) 123 45 67', '+7 *** ***-**-67'],
    ['+7(916)1234567', '+7 *** ***-**-67'],
    ['8-916-123-45-67', '+7 *** ***-**-67'],
    ['8 916 123 4567', '+7 *** ***-**-67'],
    ['(495) 123-45-67', '+7 *** ***-**-67'],
    ['8 800 555 35 35', '+7 *** ***-**-35'],
    // a city number without its code
    ['123-45-67', '***-**-67'],
    // other long runs of digits (foreign numbers, SNILS, INN, cards) are hidden the same way
    ['+44 20 7946 0958', '***-**-58'],
    ['+375291234567', '***-**-67'],
    ['112-233-445 95', '***-**-95'],
    ['4276123456789012', '***-**-12'],
    // in a query, the rest stays as typed
    ['мне звонили с номера 8 (916) 123 45 67, это мошенники?', 'мне звонили с номера +7 *** ***-**-67, это мошенники?'],
    ['тел.89161234567', 'тел.+7 *** ***-**-67'],
    ['номер89161234567 чей', 'номер+7 *** ***-**-67 чей'],
  ])('%s -> %s', (typed, masked) => {
    expect(maskPhoneNumbers(typed)).toBe(masked);
  });

  it.each([
    'пособие в 2024 году',
    'выплаты за 2021 2022 2023 годы',
    'штраф 10000 рублей',
    'пособие 1 000 000 рублей',
    'субсидия 1 000 000 000',
    'закон 44-ФЗ',
    'закон от 05.04.2013 № 44-ФЗ',
    'постановление 1234 от 01.02.2024',
    'горячая линия 122',
    'с 2024-01-01 по 2024-12-31',
    'ИНН не нужен 123456',
    'id 550e8400-e29b-41d4-a716-446655440000',
    'срок 10 15 20 дней',
    'справка 2-НДФЛ за 2023',
  ])('leaves numbers that are not phone numbers: %s', (text) => {
    expect(maskPhoneNumbers(text)).toBe(text);
  });

  it('leaves a mask as it is, so masking twice changes nothing', () => {
    const once = maskPhoneNumbers('звонили с 8 916 123-45-67 и 123-45-68');
    expect(maskPhoneNumbers(once)).toBe(once);
  });
});
