import { constants, deflateRawSync, inflateRawSync } from 'node:zlib'

/**
 * How blobs (logged updates and snapshots) are stored: the first byte names the codec, so rows
 * written with any codec stay readable.
 *
 * - 0: raw bytes;
 * - 1: deflate (raw), for snapshots, which compress about 20 to 1;
 * - 2: deflate (raw) with the preset dictionary below, for single updates: a lone ~400-byte
 *   tldraw record compresses badly on its own (~300 bytes), but with a dictionary holding the
 *   field names and common values of tldraw records it takes ~55 bytes.
 */
const RAW = 0
const DEFLATE = 1
const DEFLATE_WITH_DICTIONARY = 2

/**
 * The Yjs encodings of a few typical board records (a page, a rectangle, an arrow, a text and an
 * arrow binding). Data written with it can only be read with the same bytes: never change this
 * constant; add a new codec id with a new dictionary instead.
 */
const DICTIONARY_V1 = Buffer.from(
  [
    'AQEBBCgBB3JlY29yZHMJYmluZGluZzpkAXYHAmlkdwliaW5kaW5nOmQIdHlwZU5hbWV3B2JpbmRpbmcEdHlwZXcFYXJyb3cGZnJv',
    'bUlkdwdzaGFwZTpiBHRvSWR3B3NoYXBlOmEFcHJvcHN2BQh0ZXJtaW5hbHcFc3RhcnQQbm9ybWFsaXplZEFuY2hvcnYCAXh8PwAA',
    'AAF5fD8AAAAHaXNFeGFjdHkJaXNQcmVjaXNleQRzbmFwdwRub25lBG1ldGF2AAABAQEDKAEHcmVjb3JkcwdzaGFwZTpjAXYMAmlk',
    'dwdzaGFwZTpjCHR5cGVOYW1ldwVzaGFwZQR0eXBldwR0ZXh0AXh9pAEBeX2IAwhyb3RhdGlvbn0ABWluZGV4dwJhMQhwYXJlbnRJ',
    'ZHcJcGFnZTpwYWdlCGlzTG9ja2VkeQdvcGFjaXR5fQEEbWV0YXYABXByb3BzdggFY29sb3J3BWJsYWNrBHNpemV3AW0Bd324AQRm',
    'b250dwRkcmF3CXRleHRBbGlnbncFc3RhcnQIYXV0b1NpemV4BXNjYWxlfQEIcmljaFRleHR2AgR0eXBldwNkb2MHY29udGVudHUB',
    'dgIEdHlwZXcJcGFyYWdyYXBoB2NvbnRlbnR1AXYCBHR5cGV3BHRleHQEdGV4dHcFQ2FjaGUAAQEBAigBB3JlY29yZHMHc2hhcGU6',
    'YgF2DAJpZHcHc2hhcGU6Ygh0eXBlTmFtZXcFc2hhcGUEdHlwZXcFYXJyb3cBeH2kAQF5fYgDCHJvdGF0aW9ufQAFaW5kZXh3AmEx',
    'CHBhcmVudElkdwlwYWdlOnBhZ2UIaXNMb2NrZWR5B29wYWNpdHl9AQRtZXRhdgAFcHJvcHN2EARraW5kdwNhcmMNZWxib3dNaWRQ',
    'b2ludHw/AAAABGRhc2h3BGRyYXcEc2l6ZXcBbQRmaWxsdwRub25lBWNvbG9ydwVibGFjawpsYWJlbENvbG9ydwVibGFjawRiZW5k',
    'fQAFc3RhcnR2AgF4fQABeX0AA2VuZHYCAXh9uAEBeX0ADmFycm93aGVhZFN0YXJ0dwRub25lDGFycm93aGVhZEVuZHcFYXJyb3cI',
    'cmljaFRleHR2AgR0eXBldwNkb2MHY29udGVudHUBdgEEdHlwZXcJcGFyYWdyYXBoDWxhYmVsUG9zaXRpb258PwAAAARmb250dwRk',
    'cmF3BXNjYWxlfQEAAQEBASgBB3JlY29yZHMHc2hhcGU6YQF2DAJpZHcHc2hhcGU6YQh0eXBlTmFtZXcFc2hhcGUEdHlwZXcDZ2Vv',
    'AXh9pAEBeX2IAwhyb3RhdGlvbn0ABWluZGV4dwJhMQhwYXJlbnRJZHcJcGFnZTpwYWdlCGlzTG9ja2VkeQdvcGFjaXR5fQEEbWV0',
    'YXYABXByb3BzdhEDZ2VvdwlyZWN0YW5nbGUEZGFzaHcEZHJhdwN1cmx3AAF3faACAWh9mgEFZ3Jvd1l9AAVzY2FsZX0BBWZsaXBY',
    'eQVmbGlwWXkKbGFiZWxDb2xvcncFYmxhY2sFY29sb3J3BWJsYWNrBGZpbGx3BG5vbmUEc2l6ZXcBbQRmb250dwRkcmF3BWFsaWdu',
    'dwZtaWRkbGUNdmVydGljYWxBbGlnbncGbWlkZGxlCHJpY2hUZXh0dgIEdHlwZXcDZG9jB2NvbnRlbnR1AXYCBHR5cGV3CXBhcmFn',
    'cmFwaAdjb250ZW50dQF2AgR0eXBldwR0ZXh0BHRleHR3DUxvYWQgYmFsYW5jZXIAAQEBACgBB3JlY29yZHMJcGFnZTpwYWdlAXYF',
    'AmlkdwlwYWdlOnBhZ2UIdHlwZU5hbWV3BHBhZ2UEbmFtZXcGUGFnZSAxBWluZGV4dwJhMQRtZXRhdgAA',
  ].join(''),
  'base64',
)

/**
 * zlib's state for one update: a 4 KiB window (it holds the 1.4 kB dictionary and a ~400-byte
 * update with room to spare) and a small hash, about 24 kB instead of the default 256 kB, which
 * zlib allocates and sets up on every call and which cost more than compressing. The stream is
 * the same raw deflate, read back by any window size, so codec 2 is unchanged.
 */
const UPDATE_DEFLATE_OPTIONS = { dictionary: DICTIONARY_V1, windowBits: 12, memLevel: 4 } as const

/** Encodes a logged update for storage. */
export function encodeUpdateBlob(update: Uint8Array): Buffer {
  return withCodec(DEFLATE_WITH_DICTIONARY, deflateRawSync(update, UPDATE_DEFLATE_OPTIONS))
}

/** Encodes a snapshot for storage. */
export function encodeSnapshotBlob(state: Uint8Array): Buffer {
  return withCodec(DEFLATE, deflateRawSync(state, { level: constants.Z_DEFAULT_COMPRESSION }))
}

/** Decodes a stored blob of any codec. Throws on an unknown codec or corrupt data. */
export function decodeBlob(blob: Uint8Array): Uint8Array {
  const codec = blob[0]
  const body = blob.subarray(1)
  switch (codec) {
    case RAW:
      return new Uint8Array(body)
    case DEFLATE:
      return new Uint8Array(inflateRawSync(body))
    case DEFLATE_WITH_DICTIONARY:
      return new Uint8Array(inflateRawSync(body, { dictionary: DICTIONARY_V1 }))
    default:
      throw new Error(`unknown blob codec ${String(codec)}`)
  }
}

function withCodec(codec: number, body: Buffer): Buffer {
  const blob = Buffer.allocUnsafe(body.length + 1)
  blob[0] = codec
  body.copy(blob, 1)
  return blob
}
