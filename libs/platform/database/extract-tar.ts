import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Writes the files of an uncompressed tar archive (the embedded database's dump format: ustar, directories and plain
 * files) under `target`. Straight to disk, without holding the database's files in memory a second time as PGlite's
 * own loader does. Anything else in the archive, or a path leaving `target`, is refused.
 */
export function extractTar(archive: Buffer, target: string): void {
  const root = path.resolve(target);
  fs.mkdirSync(root, { recursive: true });
  for (let offset = 0; offset + 512 <= archive.length; ) {
    const header = archive.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    const text = (start: number, length: number) => header.toString('latin1', start, start + length).replace(/\0.*$/s, '');
    const name = [text(345, 155), text(0, 100)].filter(Boolean).join('/');
    const size = parseInt(text(124, 12).trim() || '0', 8);
    const type = text(156, 1) || '0';
    const destination = path.resolve(root, `.${path.posix.normalize(`/${name}`)}`);
    if (destination !== root && !destination.startsWith(`${root}${path.sep}`)) throw new Error(`Archive entry outside its folder: ${name}`);
    offset += 512;
    if (type === '5') fs.mkdirSync(destination, { recursive: true });
    else if (type === '0') {
      fs.mkdirSync(path.dirname(destination), { recursive: true });
      fs.writeFileSync(destination, archive.subarray(offset, offset + size));
    } else throw new Error(`Unsupported archive entry type '${type}': ${name}`);
    offset += Math.ceil(size / 512) * 512;
  }
}
