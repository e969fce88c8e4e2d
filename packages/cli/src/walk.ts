import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Folders never descended into: they hold tools and history, not mail. */
const SKIPPED_FOLDERS = new Set(['.git', 'node_modules', '.hg', '.svn']);

/**
 * The files under `paths`, in a stable order: files as given, folders walked recursively
 * (symbolic links are not followed, so a link loop cannot trap the walk).
 */
export async function listFiles(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path);
    if (info.isDirectory()) await walk(path, files);
    else files.push(path);
  }
  return files;
}

async function walk(folder: string, out: string[]): Promise<void> {
  const entries = await readdir(folder, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name)) await walk(path, out);
    } else if (entry.isFile()) {
      out.push(path);
    }
  }
}
