import { configureSearch } from "../../search";
import { env } from "./env.server";

/**
 * The search engine the app uses, configured from the env schema: search/ never reads the
 * environment itself. Importing this module is what configures it, so models take `searchEngine`
 * from here.
 */
configureSearch({ meiliUrl: env.MEILI_URL, meiliKey: env.MEILI_MASTER_KEY });

export { searchEngine } from "../../search";
