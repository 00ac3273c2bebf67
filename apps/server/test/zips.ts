/**
 * Hand-built ZIP archives for the archive guard's tests and bench: honest ones, bombs whose parts declare huge
 * sizes, and forged ones whose headers lie. Bombs stay a few MB: their deflate stream repeats one full-flushed
 * segment of a MiB of zeros (~1 KB), so a 4.7 GiB part costs ~5 MB and no time to build.
 */
import { constants, crc32, deflateRawSync } from 'node:zlib';

const MiB = 1024 * 1024;

export interface ZipPart {
  name: string;
  /** Stored deflated as given (method 8). */
  compressed: Buffer;
  /** What the headers claim; a forged archive claims less than the stream holds. */
  declaredSize: number;
  crc: number;
}

/** An honest part: the real bytes, deflated. */
export function part(name: string, data: Buffer | string): ZipPart {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  return { name, compressed: deflateRawSync(bytes), declaredSize: bytes.length, crc: crc32(bytes) };
}

let segment: Buffer | undefined;

/**
 * A deflate stream that inflates to `mib` MiB of zeros. Each segment is full-flushed (self-contained, byte
 * aligned), so repeating it and closing with an empty final block (0x03 0x00) is a valid stream.
 */
export function zeroStream(mib: number): Buffer {
  segment ??= deflateRawSync(Buffer.alloc(MiB), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const one = segment;
  return Buffer.concat([...Array.from({ length: mib }, () => one), Buffer.from([0x03, 0x00])]);
}

/**
 * A part of `mib` MiB of zeros. The CRC is left 0: no reader gets far enough to check it, and yauzl never does.
 * `declaredSize` defaults to the truth; pass less to forge the headers.
 */
export function zeroPart(name: string, mib: number, declaredSize = mib * MiB): ZipPart {
  return { name, compressed: zeroStream(mib), declaredSize, crc: 0 };
}

/** Writes local headers, data, the central directory and its end record (no ZIP64: every size stays < 4 GiB). */
export function buildZip(parts: readonly ZipPart[]): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(p.crc >>> 0, 14);
    local.writeUInt32LE(p.compressed.length, 18);
    local.writeUInt32LE(p.declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    chunks.push(local, name, p.compressed);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4); // made by
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt16LE(0, 12);
    entry.writeUInt16LE(0x21, 14);
    entry.writeUInt32LE(p.crc >>> 0, 16);
    entry.writeUInt32LE(p.compressed.length, 20);
    entry.writeUInt32LE(p.declaredSize, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, name);
    offset += local.length + name.length + p.compressed.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, directory, end]);
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Override PartName="/ppt/presentation.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"/></Types>';

/** The parts that make a ZIP look like a presentation, so a bomb reaches the PPTX checks. */
export function presentationParts(): ZipPart[] {
  return [
    part('[Content_Types].xml', CONTENT_TYPES),
    part('ppt/presentation.xml', '<p:presentation/>'),
    part('ppt/slides/slide1.xml', '<p:sld><a:t>版权声明</a:t></p:sld>'),
  ];
}

/** The 4.7 GiB bomb of the report: five ~0.94 GiB media parts in a ~5 MB presentation. */
export function bigBomb(): Buffer {
  const parts = Array.from({ length: 5 }, (_, i) => zeroPart(`ppt/media/image${i + 1}.png`, 963));
  return buildZip([...presentationParts(), ...parts]);
}

/** A presentation whose media part says 4 KB in both headers but inflates to `mib` MiB. */
export function forgedBomb(mib = 300): Buffer {
  return buildZip([...presentationParts(), zeroPart('ppt/media/image1.png', mib, 4096)]);
}
