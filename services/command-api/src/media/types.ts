export type MediaKind = 'image' | 'video' | 'audio' | 'file';

/** How the whole file is examined once it has arrived, beyond its first bytes. */
export type Inspection = 'image' | 'isobmff' | 'zip' | 'text' | 'pdf' | 'stream';

export interface MediaType {
  /** file-type's extension for it, or `txt` for plain text (which has no magic bytes). */
  id: string;
  kind: MediaKind;
  /** What we serve it as: the sniffed type, never what the client declared. */
  contentType: string;
  /** File name extensions that agree with it. */
  extensions: readonly string[];
  /** Declared part types that agree with it besides contentType. */
  aliases: readonly string[];
  inspection: Inspection;
  /** The format sharp must report for it (images only). */
  sharpFormat?: 'jpeg' | 'png' | 'gif' | 'webp' | 'heif';
}

const t = (id: string, kind: MediaKind, contentType: string, extensions: string[], inspection: Inspection, extra: Partial<MediaType> = {}): MediaType => ({
  id,
  kind,
  contentType,
  extensions,
  aliases: [],
  inspection,
  ...extra,
});

const OOXML = 'application/vnd.openxmlformats-officedocument';

/** The allow-list, keyed by file-type's extension. Everything else is refused. */
export const ALLOWED: ReadonlyMap<string, MediaType> = new Map(
  [
    t('jpg', 'image', 'image/jpeg', ['jpg', 'jpeg', 'jpe', 'jfif'], 'image', { aliases: ['image/jpg', 'image/pjpeg'], sharpFormat: 'jpeg' }),
    t('png', 'image', 'image/png', ['png'], 'image', { aliases: ['image/x-png'], sharpFormat: 'png' }),
    t('gif', 'image', 'image/gif', ['gif'], 'image', { sharpFormat: 'gif' }),
    t('webp', 'image', 'image/webp', ['webp'], 'image', { sharpFormat: 'webp' }),
    t('avif', 'image', 'image/avif', ['avif'], 'image', { sharpFormat: 'heif' }),
    t('mp4', 'video', 'video/mp4', ['mp4', 'm4v'], 'isobmff'),
    t('webm', 'video', 'video/webm', ['webm'], 'stream', { aliases: ['audio/webm'] }),
    t('mp3', 'audio', 'audio/mpeg', ['mp3'], 'stream', { aliases: ['audio/mp3', 'audio/x-mp3', 'audio/mpeg3'] }),
    t('ogg', 'audio', 'audio/ogg', ['ogg', 'oga'], 'stream', { aliases: ['application/ogg'] }),
    t('oga', 'audio', 'audio/ogg', ['ogg', 'oga'], 'stream', { aliases: ['application/ogg'] }),
    t('opus', 'audio', 'audio/ogg', ['ogg', 'oga', 'opus'], 'stream', { aliases: ['audio/opus', 'application/ogg'] }),
    t('wav', 'audio', 'audio/wav', ['wav'], 'stream', { aliases: ['audio/x-wav', 'audio/wave', 'audio/vnd.wave'] }),
    t('m4a', 'audio', 'audio/mp4', ['m4a', 'mp4'], 'isobmff', { aliases: ['audio/x-m4a', 'audio/m4a'] }),
    t('pdf', 'file', 'application/pdf', ['pdf'], 'pdf', { aliases: ['application/x-pdf'] }),
    t('docx', 'file', `${OOXML}.wordprocessingml.document`, ['docx'], 'zip'),
    t('xlsx', 'file', `${OOXML}.spreadsheetml.sheet`, ['xlsx'], 'zip'),
    t('pptx', 'file', `${OOXML}.presentationml.presentation`, ['pptx'], 'zip'),
    t('zip', 'file', 'application/zip', ['zip'], 'zip', { aliases: ['application/x-zip-compressed', 'application/x-zip'] }),
  ].map((m) => [m.id, m]),
);

export const PLAIN_TEXT: MediaType = t('txt', 'file', 'text/plain; charset=utf-8', ['txt', 'text', 'md', 'markdown', 'csv', 'log'], 'text', {
  aliases: ['text/plain', 'text/markdown', 'text/x-markdown', 'text/csv'],
});

/** Types refused with a message naming why, rather than as merely unknown. */
export const EXECUTABLE_IDS: ReadonlySet<string> = new Set([
  'exe',
  'elf',
  'macho',
  'class',
  'jar',
  'apk',
  'wasm',
  'swf',
  'crx',
  'xpi',
  'deb',
  'rpm',
  'dmg',
  'msi',
  'cab',
  'lnk',
  'reg',
  'dex',
]);

/** A generic type every client may send when it does not know better. */
export const NEUTRAL_DECLARED: ReadonlySet<string> = new Set(['', 'application/octet-stream', 'binary/octet-stream', 'application/unknown']);
