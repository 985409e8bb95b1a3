// Before any application module reads its environment.
process.env.NODE_ENV = "test";
process.env.LOGIN_SLOWDOWN_MS = "0";
process.env.COOKIE_SECURE = "false";
