import { createContext, useContext } from "react";

/**
 * The per-request nonce the Content-Security-Policy allows inline scripts with. The server entry
 * provides it while rendering; in the browser it is undefined (browsers hide nonces from the DOM).
 */
export const NonceContext = createContext<string | undefined>(undefined);

export const useNonce = () => useContext(NonceContext);

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** Set by app/serve.server.ts for each request; absent under other servers (no CSP then). */
    cspNonce?: string;
  }
}
