import { useLocation } from "@remix-run/react";
import { useContext, useEffect, useRef, useState } from "react";
// Remix has no public hook for another route's action data; the router's state holds it for every
// route, on the server render as after hydration. This is the one place that reads it.
import { UNSAFE_DataRouterStateContext } from "react-router-dom";
import { useRootData } from "../root";
import { notices } from "../utils/notices";
import { isFormAnswer } from "./ui/form";

/** The refusal the last action answered, whichever route's action it was. */
function useRefusal() {
  const state = useContext(UNSAFE_DataRouterStateContext);
  return Object.values(state?.actionData ?? {}).find(isFormAnswer);
}

/**
 * The one place a page tells a person how their last action went: a refused action's message
 * (a conflict, a deadline, a busy database, a mistake in the form), or the notice a successful
 * action left for the page it redirected to. It stands at the top of the page, so it is seen even
 * when the form that was sent is no longer on the page (another officer acted first).
 */
export function PageNotice() {
  const refusal = useRefusal();
  const notice = useRootData()?.notice ?? null;
  const location = useLocation();
  // A notice belongs to the page it arrived with; a later client-side navigation leaves it behind.
  const [shown, setShown] = useState<{ id: string; at: string } | null>(null);
  useEffect(() => {
    if (notice && shown?.id !== notice.id) setShown({ id: notice.id, at: location.key });
  }, [notice, shown, location.key]);
  const showNotice = notice && (shown?.id !== notice.id || shown.at === location.key);
  // A refused form leaves the person where the form was, perhaps far down the page: bring the
  // message into view and give it focus so screen readers read it too.
  const refusalRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (refusal) refusalRef.current?.focus();
  }, [refusal]);
  if (refusal) {
    return <p ref={refusalRef} tabIndex={-1} className="alert error-box page-notice" role="alert">{refusal.message}</p>;
  }
  if (!showNotice) return null;
  const { tone, text } = notices[notice.key];
  return <p className={`alert ${tone} page-notice`} role="status">{text}</p>;
}
