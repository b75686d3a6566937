import { open } from "node:fs/promises";

/** Receives one line's bytes [start, end) without its "\n" (a trailing "\r" is left for the reader). */
export type LineHandler = (buf: Buffer, start: number, end: number) => void;

/** Default read size: large enough that per-chunk overhead vanishes, small enough to bound memory. */
export const CHUNK_BYTES = 1 << 20;

/** Calls `onLine` for every line of `buf`. */
export function forEachLineOfBuffer(buf: Buffer, onLine: LineHandler): void {
  let start = 0;
  for (let nl = buf.indexOf(10, start); nl !== -1; nl = buf.indexOf(10, start)) {
    onLine(buf, start, nl);
    start = nl + 1;
  }
  if (start < buf.length) onLine(buf, start, buf.length);
}

/**
 * Streams a file's lines through one reused buffer (1 MiB, grown only for a longer line), so memory stays
 * flat whatever the file size. Resolves with the file's size in bytes.
 */
export async function forEachLineOfFile(
  path: string,
  onLine: LineHandler,
  onSize?: (bytes: number) => void,
): Promise<number> {
  const handle = await open(path, "r");
  try {
    const size = (await handle.stat()).size;
    onSize?.(size);
    let buf = Buffer.allocUnsafe(CHUNK_BYTES);
    let filled = 0;
    let position = 0;
    for (;;) {
      if (filled === buf.length) {
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, filled);
        buf = bigger;
      }
      const { bytesRead } = await handle.read(buf, filled, buf.length - filled, position);
      position += bytesRead;
      if (bytesRead === 0) {
        if (filled > 0) onLine(buf, 0, filled);
        break;
      }
      const end = filled + bytesRead;
      const view = buf.subarray(0, end);
      let start = 0;
      for (let nl = view.indexOf(10, start); nl !== -1; nl = view.indexOf(10, start)) {
        onLine(buf, start, nl);
        start = nl + 1;
      }
      buf.copyWithin(0, start, end);
      filled = end - start;
    }
    return size;
  } finally {
    await handle.close();
  }
}
