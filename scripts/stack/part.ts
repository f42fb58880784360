export interface Part {
  name: string;
  /** When this variable is set, the part is an existing server and the stack leaves it alone. */
  envOverride: string;
  url(): string;
  logFile: string;
  isUp(): Promise<boolean>;
  /** A process this stack started is alive (pid file). */
  running(): boolean;
  up(): Promise<void>;
  down(): Promise<boolean>;
  dataDirs: string[];
}
