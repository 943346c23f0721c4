// What a command reads and writes: its environment and its two output streams. The process's own
// for `otvet`; a test's buffers and variables when it runs a command in-process.
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Where progress goes: a bar when it is a terminal, plain lines otherwise. */
  progress: { isTTY?: boolean; write(text: string): unknown };
  env: NodeJS.ProcessEnv;
}

export const processIo: CliIo = {
  out: (t) => void process.stdout.write(t),
  err: (t) => void process.stderr.write(t),
  progress: process.stderr,
  env: process.env,
};
