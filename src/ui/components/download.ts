import { invalidParams } from '../../shared/errors';

/** Saves text as a file through the browser's download, without any permission. */
export function downloadTextFile(fileName: string, contents: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([contents], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Reads a picked file as text; refuses what cannot be a backup before sending anything. */
export async function readTextFile(file: File, maxBytes: number): Promise<string> {
  if (file.size === 0) throw invalidParams('The file is empty.');
  if (file.size > maxBytes) throw invalidParams('The file is too large to be a Sigil backup.');
  return file.text();
}
