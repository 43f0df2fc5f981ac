/** A file an app/ controller made for the person to save; ui/ hands it to the browser's download. */
export interface DownloadFile {
  readonly name: string;
  readonly data: Uint8Array | string;
  /** The MIME type the download is labelled with. */
  readonly type: string;
}
