// Structured logging. Personal data is removed by the logger itself (pino's redaction), so no caller
// has to remember to do it: any field with one of these names, at any depth up to four, is censored.
import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** Field names that hold personal data or secrets anywhere in otvet. */
export const redactedKeys = [
  'password',
  'newPassword',
  'passwordHash',
  'token',
  'csrfToken',
  'secret',
  'authorization',
  'cookie',
  'set-cookie',
  'x-csrf-token',
  'phone',
  'phoneNumber',
  'callerNumber',
  'callerPhone',
  'email',
  'fullName',
  'firstName',
  'lastName',
  'middleName',
  'appellantName',
  'address',
  'passport',
  'snils',
  'inn',
  'birthDate',
];

function redactPaths(): string[] {
  const paths: string[] = [];
  for (const key of redactedKeys) {
    const k = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`;
    const join = (prefix: string) => (k.startsWith('[') ? `${prefix}${k}` : `${prefix}.${k}`);
    paths.push(k.startsWith('[') ? k.replace(/^\["(.*)"\]$/, '$1') : k);
    paths.push(join('*'), join('*.*'), join('*.*.*'));
  }
  return paths;
}

export interface LoggerOptions {
  level: string;
  format: 'auto' | 'json' | 'pretty';
}

export function createLogger(options: LoggerOptions, destination?: DestinationStream): Logger {
  const base = {
    level: options.level,
    base: { service: 'otvet' },
    redact: { paths: redactPaths(), censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  if (destination) return pino(base, destination);
  const pretty = options.format === 'pretty' || (options.format === 'auto' && process.stdout.isTTY);
  if (pretty) {
    return pino({
      ...base,
      transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,service' } },
    });
  }
  return pino(base);
}
