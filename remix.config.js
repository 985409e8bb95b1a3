// REMIX_OUT_DIR lets the bundle check build into a scratch folder without touching the real build.
const out = process.env.REMIX_OUT_DIR;

/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.*"],
  serverModuleFormat: "esm",
  ...(out ? { assetsBuildDirectory: `${out}/public/build`, serverBuildPath: `${out}/build/index.js` } : {}),
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
  },
};
