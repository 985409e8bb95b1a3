import { createReadableStreamFromReadable, type LoaderFunctionArgs } from "@remix-run/node";
import { fileStore } from "../files/index.server";
import { contentDisposition } from "../files/names";
import { openDocument } from "../models/shared";
import { NotFoundError } from "../utils/errors";
import { getDb } from "../utils/db.server";
import { notFound, paramId } from "../utils/http.server";
import { getUser } from "../web/session.server";

// Only images are shown in the browser; anything else (a PDF can carry script) is a download.
const INLINE = new Set(["image/png", "image/jpeg"]);

/**
 * `/files/:id/:name`: the one download route. The name in the URL is only for the browser's
 * "save as"; the file's record decides who may read it (app/files/kinds.server.ts).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getUser(request);
  // Forbidden, removed and missing answer the very same 404 (notFound's body, byte for byte).
  const doc = await openDocument(getDb(), viewer, paramId(params.id)).catch((e) => {
    throw e instanceof NotFoundError ? notFound() : e;
  });
  const stream = await fileStore().open(doc.hash);
  if (!stream) {
    console.error(`[files] document ${doc.id}: blob ${doc.hash} is missing from the file store (FILES_DIR)`);
    throw notFound();
  }
  return new Response(createReadableStreamFromReadable(stream), {
    headers: {
      "Content-Type": doc.mime,
      "Content-Length": String(doc.size),
      "Content-Disposition": contentDisposition(INLINE.has(doc.mime) ? "inline" : "attachment", doc.name),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": doc.public ? "public, max-age=300" : "private, no-store",
    },
  });
}
