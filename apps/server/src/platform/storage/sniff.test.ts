import { describe, expect, it } from 'vitest';
import { buildMp4, ftyp } from '../../../test/mp4s.ts';
import { SNIFF_BYTES, sniff } from './sniff.ts';

const head = (bytes: Buffer) => bytes.subarray(0, SNIFF_BYTES);

describe('sniffing ISO base media files by their brands (issue 7 defect 10, S0-5)', () => {
  it('S0-5 takes MP4 by its major brand, or by a compatible brand under an unknown major one', () => {
    for (const major of ['isom', 'mp42', 'mp41', 'avc1', 'iso6', 'dash', 'M4V '])
      expect([major, sniff(head(buildMp4({ width: 1280, height: 720, seconds: 5 }, { major })))]).toEqual([major, 'mp4']);
    expect(sniff(ftyp('XYZ1', ['XYZ1', 'isom', 'mp42']))).toBe('mp4');
  });

  it('S0-5 refuses QuickTime (qt), HEIF images (heic, mif1, avif) and 3GP as what they are', () => {
    expect(sniff(ftyp('qt  ', ['qt  ']))).toBe('mov');
    expect(sniff(ftyp('heic', ['mif1', 'heic']))).toBe('heif');
    expect(sniff(ftyp('mif1', ['mif1', 'heic']))).toBe('heif');
    expect(sniff(ftyp('avif', ['avif', 'mif1', 'miaf']))).toBe('heif');
    expect(sniff(ftyp('3gp4', ['3gp4', 'isom']))).toBe('3gpp');
    expect(sniff(ftyp('3g2a', ['3g2a']))).toBe('3gpp');
    // An unknown major brand that is only QuickTime-compatible is still QuickTime.
    expect(sniff(ftyp('abcd', ['qt  ']))).toBe('mov');
  });

  it('S0-5 refuses audio-only MP4 and a text file that happens to hold "ftyp" at offset 4', () => {
    expect(sniff(ftyp('M4A ', ['M4A ', 'mp42', 'isom']))).toBe('unknown');
    expect(sniff(Buffer.from('abcdftypisom and then some plain text follows here'))).toBe('unknown');
    expect(sniff(Buffer.from('\u0000\u0000\u0000\u0018ftyp\u0001\u0002\u0003\u0004\u0000\u0000\u0002\u0000isomiso2'))).toBe(
      'unknown',
    );
    expect(sniff(ftyp('isom').subarray(0, 12))).toBe('unknown');
  });

  it('keeps the other kinds', () => {
    expect(sniff(Buffer.from('%PDF-1.7\n'))).toBe('pdf');
    expect(sniff(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]))).toBe('zip');
  });
});

describe('sniffing: what the major brand decides', () => {
  it('S0-5 an isom major brand is MP4 whatever follows the minor version', () => {
    expect(sniff(Buffer.concat([Buffer.from([0, 0, 0, 0x20]), Buffer.from('ftypisom'), Buffer.alloc(48, 7)]))).toBe('mp4');
  });
});
