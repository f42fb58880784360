export interface Part {
  name: string;
  /** When this variable is set, the part is an existing server and the stack leaves it alone. */
  envOverride: string;
  url(): string;
  /** More variables the started part answers to (e.g. Mailpit's HTTP API beside its SMTP URL); not set for an external server. */
  extraEnv?(): Record<string, string>;
  logFile: string;
  isUp(): Promise<boolean>;
  /** A process this stack started is alive (pid file). */
  running(): boolean;
  up(): Promise<void>;
  down(): Promise<boolean>;
  dataDirs: string[];
}
