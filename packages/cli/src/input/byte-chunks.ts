import type { Readable } from 'node:stream'
import { createGunzip } from 'node:zlib'

/**
 * The bytes of a source, gunzipped when they start with gzip's magic number (so a
 * `.gz` file and a gzipped standard input both work, whatever their name).
 * `onRaw` sees each raw chunk's size, for the progress line.
 */
export async function* byteChunks(source: Readable, onRaw: (bytes: number) => void): AsyncGenerator<Buffer> {
  const it = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>
  const first = await it.next()
  if (first.done) return
  async function* raw(): AsyncGenerator<Buffer> {
    onRaw(first.value.length)
    yield first.value
    for (;;) {
      const next = await it.next()
      if (next.done) return
      onRaw(next.value.length)
      yield next.value
    }
  }
  const head = first.value
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) {
    const gunzip = createGunzip()
    const pump = (async () => {
      for await (const chunk of raw()) if (!gunzip.write(chunk)) await new Promise((r) => gunzip.once('drain', r))
      gunzip.end()
    })()
    pump.catch((error) => gunzip.destroy(error))
    yield* gunzip as AsyncIterable<Buffer>
    await pump
  } else {
    yield* raw()
  }
}
