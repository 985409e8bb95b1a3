import { Link, isRouteErrorResponse, useRouteError } from "@remix-run/react";

const titles: Record<number, string> = {
  400: "提交的内容有误",
  403: "没有访问权限",
  404: "页面不存在",
  405: "不支持的操作",
  409: "操作冲突",
  413: "提交的内容过大",
};

/** Tells a person in Chinese what happened and where to go next; never shows a stack trace. */
export function ErrorPage() {
  const error = useRouteError();
  let status = 500;
  let message = "服务器处理时出现了问题，我们已记录。请稍后重试；如果问题持续，请联系区科技局。";
  if (isRouteErrorResponse(error)) {
    status = error.status;
    const data = error.data as { message?: unknown } | string | null;
    const text = typeof data === "string" ? data : typeof data?.message === "string" ? data.message : null;
    message = text && status < 500 ? text : status === 404 ? "没有找到您要的内容，它可能不存在或您无权查看。" : message;
  } else if (typeof document !== "undefined") {
    console.error(error);
  }
  return (
    <div className="card narrow" role="alert">
      <p className="muted small">错误 {status}</p>
      <h1>{titles[status] ?? "出错了"}</h1>
      <p>{message}</p>
      <div className="row">
        <Link className="btn" to="/">返回首页</Link>
        <Link className="btn secondary" to="/me">个人中心</Link>
      </div>
    </div>
  );
}
