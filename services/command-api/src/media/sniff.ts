import { fileTypeFromBuffer, fileTypeFromFile, type FileTypeResult } from 'file-type';
import { refused } from './errors';
import { ALLOWED, EXECUTABLE_IDS, NEUTRAL_DECLARED, PLAIN_TEXT, type MediaType } from './types';

export interface Declared {
  fileName?: string;
  /** The part's Content-Type; busboy reports text/plain when a part has none. */
  mimeType?: string;
}

/** Decides the type from the first bytes, refusing executables, markup and anything off the allow-list. */
export async function classifyHead(head: Buffer, declared: Declared): Promise<MediaType> {
  refuseExecutableMagic(head);
  if (startsWithMarkup(head)) throw refused('SVG, HTML, XML and other markup files are not accepted');
  const sniffed = await fileTypeFromBuffer(head);
  if (sniffed) return agreeing(allowed(sniffed), declared);
  if (!head.includes(0) && declaresText(declared)) return agreeing(PLAIN_TEXT, declared);
  throw refused(
    `the file's type could not be recognised from its content${declared.fileName ? ` (named ${JSON.stringify(declared.fileName)})` : ''}; accepted are images, mp4/webm video, audio, PDF, Office documents, zip archives and UTF-8 text`,
  );
}

/**
 * Once the whole file is there: the type seen over all of it must be the one the head gave,
 * except that a zip may turn out to be an Office document (whose markers lie past the head).
 */
export async function confirmType(path: string, fromHead: MediaType, declared: Declared): Promise<MediaType> {
  const sniffed = await fileTypeFromFile(path);
  if (fromHead === PLAIN_TEXT) {
    if (sniffed) throw refused(`content declared as text is ${sniffed.mime}`);
    return fromHead;
  }
  if (!sniffed) throw refused(`the content does not hold together as ${fromHead.contentType}`);
  const whole = allowed(sniffed);
  if (whole === fromHead) return whole;
  if (fromHead.id === 'zip' && whole.inspection === 'zip') return agreeing(whole, declared);
  throw refused(`the file starts as ${fromHead.contentType} but is ${whole.contentType}`);
}

export function extensionOf(fileName: string | undefined): string | undefined {
  const m = fileName ? /\.([A-Za-z0-9]{1,10})$/.exec(fileName) : null;
  return m?.[1]?.toLowerCase();
}

function allowed(sniffed: FileTypeResult): MediaType {
  if (EXECUTABLE_IDS.has(sniffed.ext)) throw refused(`executables and programs are not accepted (${sniffed.mime})`);
  if (sniffed.ext === 'xml' || sniffed.ext === 'svg' || sniffed.ext === 'html') throw refused('SVG, HTML, XML and other markup files are not accepted');
  const type = ALLOWED.get(sniffed.ext);
  if (!type) throw refused(`${sniffed.mime} files are not accepted`);
  return type;
}

function agreeing(type: MediaType, declared: Declared): MediaType {
  const ext = extensionOf(declared.fileName);
  if (ext && !type.extensions.includes(ext)) throw refused(`the name ends in .${ext} but the content is ${type.contentType}`);
  const mime = (declared.mimeType ?? '').toLowerCase().split(';')[0]!.trim();
  const agrees =
    NEUTRAL_DECLARED.has(mime) || mime === type.contentType.split(';')[0] || type.aliases.includes(mime) || (mime === 'text/plain' && type !== PLAIN_TEXT);
  if (!agrees) throw refused(`the file was declared as ${mime} but the content is ${type.contentType}`);
  return type;
}

function declaresText({ fileName, mimeType }: Declared): boolean {
  const ext = extensionOf(fileName);
  if (ext) return PLAIN_TEXT.extensions.includes(ext);
  const mime = (mimeType ?? '').toLowerCase().split(';')[0]!.trim();
  return PLAIN_TEXT.aliases.includes(mime);
}

const EXECUTABLE_MAGIC: ReadonlyArray<readonly [string, readonly number[]]> = [
  ['Windows/DOS executable', [0x4d, 0x5a]],
  ['ELF executable', [0x7f, 0x45, 0x4c, 0x46]],
  ['Mach-O executable', [0xfe, 0xed, 0xfa, 0xce]],
  ['Mach-O executable', [0xfe, 0xed, 0xfa, 0xcf]],
  ['Mach-O executable', [0xce, 0xfa, 0xed, 0xfe]],
  ['Mach-O executable', [0xcf, 0xfa, 0xed, 0xfe]],
  ['Mach-O or Java class file', [0xca, 0xfe, 0xba, 0xbe]],
  ['Dalvik executable', [0x64, 0x65, 0x78, 0x0a]],
  ['WebAssembly module', [0x00, 0x61, 0x73, 0x6d]],
];

function refuseExecutableMagic(head: Buffer): void {
  if (head[0] === 0x23 && head[1] === 0x21) throw refused('scripts (#!) are not accepted');
  for (const [what, magic] of EXECUTABLE_MAGIC) {
    if (magic.every((b, i) => head[i] === b)) throw refused(`executables and programs are not accepted (${what})`);
  }
}

/** What a browser would take for markup: after a BOM and whitespace, `<` then a tag, `!` or `?`. */
function startsWithMarkup(head: Buffer): boolean {
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0a || head[i] === 0x0d || head[i] === 0x0c)) i++;
  if (head[i] !== 0x3c) return false;
  const next = head[i + 1];
  return next !== undefined && (next === 0x21 || next === 0x3f || next === 0x2f || ((next | 0x20) >= 0x61 && (next | 0x20) <= 0x7a));
}
