import { AppError, badRequest, tooLarge, unsupportedType } from '@groupchat/shared';

export const refused = (message: string) => unsupportedType(message);
export const corrupt = (message: string) => new AppError(422, 'corrupt_media', message);
export const emptyFile = () => badRequest('the file is empty', 'empty_file');
export const overLimit = (what: string, limit: number) => tooLarge(`${what} may be at most ${formatBytes(limit)}`);

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}
