/**
 * Minimal ISO-BMFF files built box by box, so the video checks (S0-5) and the MP4 sniffing are tested without ffmpeg:
 * ftyp, moov (mvhd, one video trak down to an avc1 sample entry with its avcC) and an mdat of zeros.
 */

function box(type: string, ...payload: Buffer[]): Buffer {
  const body = Buffer.concat(payload);
  const head = Buffer.alloc(8);
  head.writeUInt32BE(8 + body.length, 0);
  head.write(type, 4, 'latin1');
  return Buffer.concat([head, body]);
}

function fullBox(type: string, version: number, flags: number, ...payload: Buffer[]): Buffer {
  const vf = Buffer.alloc(4);
  vf.writeUInt32BE(((version & 0xff) << 24) | (flags & 0xffffff), 0);
  return box(type, vf, ...payload);
}

const u32 = (...values: number[]) => {
  const b = Buffer.alloc(4 * values.length);
  values.forEach((v, i) => {
    b.writeInt32BE(v | 0, 4 * i);
  });
  return b;
};
const u16 = (...values: number[]) => {
  const b = Buffer.alloc(2 * values.length);
  values.forEach((v, i) => {
    b.writeUInt16BE(v & 0xffff, 2 * i);
  });
  return b;
};

const IDENTITY = [0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000];
/** A quarter turn: how a phone held upright records a landscape-coded picture. */
const QUARTER_TURN = [0, 0x10000, 0, -0x10000, 0, 0, 0, 0, 0x40000000];

export function ftyp(major: string, compatible: string[] = [major], minor = 0x200): Buffer {
  return box('ftyp', Buffer.from(major, 'latin1'), u32(minor), ...compatible.map((c) => Buffer.from(c, 'latin1')));
}

export interface VideoShape {
  width: number;
  height: number;
  seconds: number;
  rotated?: boolean;
}

function moov({ width, height, seconds, rotated = false }: VideoShape): Buffer {
  const timescale = 1000;
  const duration = Math.round(seconds * timescale);
  const matrix = u32(...(rotated ? QUARTER_TURN : IDENTITY));
  const mvhd = fullBox(
    'mvhd',
    0,
    0,
    u32(0, 0, timescale, duration, 0x10000),
    u16(0x100),
    Buffer.alloc(10),
    matrix,
    Buffer.alloc(24),
    u32(2),
  );
  const tkhd = fullBox(
    'tkhd',
    0,
    3,
    u32(0, 0, 1, 0, duration),
    Buffer.alloc(8),
    u16(0, 0, 0, 0),
    matrix,
    u32(width * 0x10000, height * 0x10000),
  );
  const mdhd = fullBox('mdhd', 0, 0, u32(0, 0, timescale, duration), u16(0x55c4, 0));
  const hdlr = fullBox('hdlr', 0, 0, u32(0), Buffer.from('vide', 'latin1'), Buffer.alloc(12), Buffer.from('VideoHandler\0'));
  const avcC = box(
    'avcC',
    Buffer.from([1, 0x64, 0, 0x1f, 0xff, 0xe1]),
    u16(5),
    Buffer.from([0x67, 0x64, 0, 0x1f, 0xac]),
    Buffer.from([1]),
    u16(4),
    Buffer.from([0x68, 0xee, 0x3c, 0x80]),
  );
  const avc1 = box(
    'avc1',
    Buffer.alloc(6),
    u16(1, 0, 0),
    Buffer.alloc(12),
    u16(width, height),
    u32(0x480000, 0x480000, 0),
    u16(1),
    Buffer.alloc(32),
    u16(0x18, 0xffff),
    avcC,
  );
  const stbl = box(
    'stbl',
    fullBox('stsd', 0, 0, u32(1), avc1),
    fullBox('stts', 0, 0, u32(0)),
    fullBox('stsc', 0, 0, u32(0)),
    fullBox('stsz', 0, 0, u32(0, 0)),
    fullBox('stco', 0, 0, u32(0)),
  );
  const dinf = box('dinf', fullBox('dref', 0, 0, u32(1), fullBox('url ', 0, 1)));
  const minf = box('minf', fullBox('vmhd', 0, 1, Buffer.alloc(8)), dinf, stbl);
  return box('moov', mvhd, box('trak', tkhd, box('mdia', mdhd, hdlr, minf)));
}

function mdat(bytes: number): Buffer {
  return box('mdat', Buffer.alloc(bytes));
}

/**
 * An MP4 of the given shape. `moovLast` puts the movie box after the media, as cameras write it before a fast-start
 * pass; `brands` sets the ftyp box (MOV, HEIC and 3GP share the format and differ only there).
 */
export function buildMp4(
  shape: VideoShape,
  options: { moovLast?: boolean; mediaBytes?: number; major?: string; compatible?: string[] } = {},
): Buffer {
  const major = options.major ?? 'isom';
  const head = ftyp(major, options.compatible ?? [major, 'iso2', 'avc1', 'mp41']);
  const media = mdat(options.mediaBytes ?? 1024);
  const movie = moov(shape);
  return Buffer.concat(options.moovLast ? [head, media, movie] : [head, movie, media]);
}
