/** Saving a file from the app: the browser edge for downloads, replaceable in component tests. */
export type SaveFile = (name: string, data: Uint8Array | string, type: string) => void;

/** Hands a file to the browser's download. */
export const browserSaveFile: SaveFile = (name, data, type) => {
  const url = URL.createObjectURL(new Blob([data as BlobPart], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  // Revoke later, not at once: the download may start after this task ends.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
};
