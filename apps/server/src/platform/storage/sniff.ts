/** File kinds recognised from their first bytes; a client's name or MIME type is never trusted. */
export const FILE_KINDS = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  zip: 'application/zip',
  ole2: 'application/x-ole-storage',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  heif: 'image/heif',
  '3gpp': 'video/3gpp',
  exe: 'application/x-msdownload',
  unknown: 'application/octet-stream',
} as const;
export type FileKind = keyof typeof FILE_KINDS;

/** How many leading bytes `sniff` needs: an MP4's ftyp box with its compatible brands fits in 64. */
export const SNIFF_BYTES = 64;

const startsWith = (buf: Buffer, bytes: number[], offset = 0) =>
  buf.length >= offset + bytes.length && bytes.every((b, i) => buf[offset + i] === b);

export function sniff(head: Buffer): FileKind {
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(head, [0x47, 0x49, 0x46, 0x38])) return 'gif';
  if (startsWith(head, [0x52, 0x49, 0x46, 0x46]) && startsWith(head, [0x57, 0x45, 0x42, 0x50], 8)) return 'webp';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return 'zip';
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole2';
  if (startsWith(head, [0x66, 0x74, 0x79, 0x70], 4)) return isoBrand(head);
  if (startsWith(head, [0x4d, 0x5a])) return 'exe';
  return 'unknown';
}

/**
 * MP4, QuickTime, HEIF and 3GP are all ISO base media files that open with an ftyp box; only its brands tell them
 * apart. The major brand decides when it is known; otherwise the compatible brands do. Anything else that merely has
 * `ftyp` at offset 4 (a text file, a box with an absurd size or unprintable brands) is unknown.
 */
const MP4_BRANDS = new Set([
  'isom',
  'iso2',
  'iso3',
  'iso4',
  'iso5',
  'iso6',
  'iso7',
  'iso8',
  'iso9',
  'mp41',
  'mp42',
  'mp71',
  'avc1',
  'dash',
  'msdh',
  'msix',
  'M4V ',
  'M4VH',
  'M4VP',
  'mmp4',
  'MSNV',
  'f4v ',
  'XAVC',
  'NDAS',
  'NDSC',
  'NDSH',
  'NDSM',
  'NDSP',
]);
const OTHER_BRANDS: Record<string, FileKind> = {
  'qt  ': 'mov',
  heic: 'heif',
  heix: 'heif',
  heim: 'heif',
  heis: 'heif',
  hevc: 'heif',
  hevx: 'heif',
  mif1: 'heif',
  msf1: 'heif',
  avif: 'heif',
  avis: 'heif',
  // Audio-only MP4 (music, audiobooks) is not a video.
  'M4A ': 'unknown',
  'M4B ': 'unknown',
  'M4P ': 'unknown',
  'F4A ': 'unknown',
  'F4B ': 'unknown',
};
const otherKind = (brand: string): FileKind | undefined => OTHER_BRANDS[brand] ?? (/^3g[2p]/.test(brand) ? '3gpp' : undefined);

function isoBrand(head: Buffer): FileKind {
  const size = head.readUInt32BE(0);
  if (size < 16 || size > 1024 || (size - 16) % 4 !== 0 || head.length < 16) return 'unknown';
  const brand = (at: number) => {
    const bytes = head.subarray(at, at + 4);
    return bytes.every((b) => b >= 0x20 && b <= 0x7e) ? bytes.toString('latin1') : null;
  };
  const major = brand(8);
  if (major === null) return 'unknown';
  if (MP4_BRANDS.has(major)) return 'mp4';
  const majorKind = otherKind(major);
  if (majorKind) return majorKind;
  // Compatible brands follow the minor version; an unprintable one is not a brand and is skipped.
  const compatible: string[] = [];
  for (let at = 16; at + 4 <= Math.min(size, head.length); at += 4) {
    const b = brand(at);
    if (b !== null) compatible.push(b);
  }
  if (compatible.some((b) => MP4_BRANDS.has(b))) return 'mp4';
  return compatible.map(otherKind).find((k) => k !== undefined) ?? 'unknown';
}
