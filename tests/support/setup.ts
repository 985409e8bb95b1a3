// Before any application module reads its environment.
process.env.NODE_ENV = "test";
process.env.LOGIN_SLOWDOWN_MS = "0";
process.env.COOKIE_SECURE = "false";
// Tests stand in for one reverse proxy: a request's X-Forwarded-For names its source.
process.env.TRUSTED_PROXIES = "1";
// Short, but long enough to observe that passing an account's lock waits.
process.env.LOGIN_LOCKED_DELAY_MS = "300";
