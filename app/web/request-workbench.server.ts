import type { AppLoadContext } from "@remix-run/node";
import { getWorkbench } from "../models/notice";
import type { CurrentUser } from "../models/shared";
import { getDb } from "../utils/db.server";
import { clock } from "../utils/time";

type Workbench = Awaited<ReturnType<typeof getWorkbench>> & { now: Date };

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** This request's 工作台, once made (workbenchOnce). */
    workbench?: Promise<Workbench>;
  }
}

/**
 * The person's 工作台 for this request, made once. On /workbench the root loader's badge and the
 * page's list are the same rows, so the page does not ask the database for them twice (every other
 * page's badge is counted in SQL: workbenchCount). The loaders of one document request share its
 * load context; a `?_data` request has its own.
 */
export function workbenchOnce(context: AppLoadContext, user: CurrentUser): Promise<Workbench> {
  if (!context.workbench) {
    const now = clock.now();
    context.workbench = getWorkbench(getDb(), user, now).then((bench) => ({ ...bench, now }));
  }
  return context.workbench;
}

/** Whether this request is for the 工作台 page itself (whose loader makes the whole 工作台 anyway). */
export const isWorkbenchPage = (request: Request) => new URL(request.url).pathname.replace(/\/$/, "") === "/workbench";
