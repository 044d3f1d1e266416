import { isAbsolute, relative } from 'node:path';

/** Whether `path` is `folder` itself or lies somewhere under it. */
export function isWithin(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** The innermost of `folders` that holds `path`: a results folder inside a workspace folder owns its own results. */
export function innermostFolderOf(path: string, folders: readonly string[]): string | undefined {
  let found: string | undefined;
  for (const folder of folders) if (isWithin(path, folder) && (found === undefined || isWithin(folder, found))) found = folder;
  return found;
}
