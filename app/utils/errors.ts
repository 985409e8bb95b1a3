/**
 * The few errors a model may raise. Routes turn them into 4xx responses with the same Chinese
 * message, so a person always learns what went wrong and nothing half-done is left behind.
 */
export class DomainError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 403 | 404 | 409 | 429,
    /** Per-field messages, shown next to the form field they belong to. */
    readonly fieldErrors: Record<string, string[]> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Also used for things the viewer may not see: the answer must not reveal that they exist. */
export class NotFoundError extends DomainError {
  constructor(message = "没有找到您要的内容，它可能不存在或您无权查看。") {
    super(message, 404);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = "您没有权限执行此操作。") {
    super(message, 403);
  }
}

/** Someone else changed the record first (double submit, two officers at once). */
export class ConflictError extends DomainError {
  constructor(message: string) {
    super(message, 409);
  }
}

export class InvalidInputError extends DomainError {
  constructor(fieldErrors: Record<string, string[]>, message = "提交的内容有误，请按提示修改。") {
    super(message, 400, fieldErrors);
  }
}

/** Too many attempts (sign-in, registration): 429, and the answer says when to come back. */
export class TooManyAttemptsError extends DomainError {
  constructor(
    message: string,
    readonly retryAfterMs: number,
    fieldErrors: Record<string, string[]> = {},
  ) {
    super(message, 429, fieldErrors);
  }
}

/**
 * Sign-in throttling locked the account (Decision 25). Its `unlock` field message tells the login
 * page to offer an unlock link by e-mail (Decision 45).
 */
export class AccountLockedError extends TooManyAttemptsError {
  constructor(message: string, retryAfterMs: number) {
    super(message, retryAfterMs, { unlock: ["如果是您本人在登录，可以让系统向该账号的邮箱发送解锁链接（30 分钟内有效）。"] });
  }
}

export { isUniqueViolation } from "../../db/errors";
