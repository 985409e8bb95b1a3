import { parseQuery } from "../schemas/parse";
import { pageQuerySchema } from "../schemas/query";
import { json } from "@remix-run/node";

/** A thrown 4xx that the nearest ErrorBoundary shows with its Chinese message. */
export function httpError(status: number, message: string): Response {
  return json({ message }, { status });
}

export function notFound(message = "没有找到您要的内容，它可能不存在或您无权查看。"): Response {
  return httpError(404, message);
}

/** Parse a route param id; anything but a positive integer is simply not found. */
export function paramId(value: string | undefined): number {
  const n = Number(value);
  if (!value || !/^\d{1,15}$/.test(value) || !Number.isSafeInteger(n) || n <= 0) throw notFound();
  return n;
}

export function pageParam(url: URL): number {
  return parseQuery(pageQuerySchema, url).page;
}
