import { env } from "../utils/env.server";
import { TypeSniffer, ALLOWED_LIST, type AllowedType } from "./detect";
import { displayName } from "./names";
import { diskStore, type FileStore } from "./store.server";

export const MAX_FILE_BYTES = 20 * 1024 * 1024;

let store: FileStore | undefined;

/** The application's file store (FILES_DIR on local disk), opened on first use. */
export function fileStore(): FileStore {
  return (store ??= diskStore(env.FILES_DIR));
}

/** Tests point the application at a store in a temporary folder. */
export function setFileStore(next: FileStore): void {
  store = next;
}

/** A refused upload: the message says which file and why, in words the uploader understands. */
export class UploadRefusedError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 413,
  ) {
    super(message);
    this.name = "UploadRefusedError";
  }
}

export interface StoredFile {
  hash: string;
  size: number;
  mime: string;
  name: string;
}

function mb(bytes: number) {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
}

/**
 * Stream one uploaded file into the store: counted (over 20 MB stops at once and nothing is kept)
 * and checked by content before it is kept. Returns what the documents row needs.
 */
export async function storeUpload(source: AsyncIterable<Uint8Array>, rawName: string): Promise<StoredFile> {
  const shown = rawName.split(/[/\\]/).pop()!.slice(0, 60);
  const sniffer = new TypeSniffer();
  let type: AllowedType | undefined;
  async function* counted() {
    let size = 0;
    for await (const chunk of source) {
      size += chunk.byteLength;
      if (size > MAX_FILE_BYTES) throw new UploadRefusedError(`文件“${shown}”超过 ${mb(MAX_FILE_BYTES)}，未上传。请压缩或拆分后再上传。`, 413);
      sniffer.feed(chunk);
      yield chunk;
    }
  }
  const blob = await fileStore().put(counted(), () => {
    const found = sniffer.detect();
    if (!found.ok) throw new UploadRefusedError(`只支持 ${ALLOWED_LIST} 文件，“${shown}”实际是${found.actually}，未上传。`, 400);
    type = found.type;
  });
  return { ...blob, mime: type!.mime, name: displayName(rawName, type!) };
}
