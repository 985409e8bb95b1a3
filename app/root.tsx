import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import {
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { ErrorPage } from "./components/error-page";
import { PageNotice } from "./components/page-notice";
import { PostForm } from "./components/ui/form";
import { SiteStylesheet } from "./components/site-stylesheet";
import { unreadCount, workbenchCount } from "./models/notice";
import { databaseReadonly, getDb } from "./utils/db.server";
import { takeNotice } from "./utils/flash.server";
import { useNonce } from "./utils/csp-nonce";
import { isWorkbenchPage, workbenchOnce } from "./web/request-workbench.server";
import { pageSecrets } from "./web/shared-pages.server";
import { roleLabels } from "./utils/labels";
import { getUser } from "./web/session.server";
import { clock } from "./utils/time";
import { isBureauStaff } from "./models/shared";

// An inline icon: no extra request, no 404 in the browser console.
const favicon =
  "data:image/svg+xml," +
  encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#0b5d6b"/><text x="16" y="22" font-size="16" text-anchor="middle" fill="#fff">榜</text></svg>');

export const links: LinksFunction = () => [{ rel: "icon", href: favicon }];

export const meta: MetaFunction = () => [
  { title: "利州技术转移对接平台" },
  { name: "description", content: "利州区科技局技术转移对接平台：企业出题、政府立题、协同破题。" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const [user, secrets, flash] = await Promise.all([getUser(request), pageSecrets(request, context), takeNotice(request)]);
  const headers = new Headers();
  for (const cookie of [secrets.setCookie, flash.clear]) if (cookie) headers.append("Set-Cookie", cookie);
  const readonly = databaseReadonly();
  // The 工作台's total is counted in SQL (never the item lists) so every page can afford it; the
  // 工作台 page itself makes the list anyway, and the badge sums the same rows.
  const counting = !user
    ? 0
    : isWorkbenchPage(request)
      ? workbenchOnce(context, user).then((bench) => bench.total)
      : workbenchCount(getDb(), user, clock.now());
  const [unread, todo] = await Promise.all([user ? unreadCount(getDb(), user.id) : 0, counting]);
  return json(
    {
      csrf: secrets.csrf,
      notice: flash.notice,
      formKey: secrets.formKey,
      // Database maintenance: reads work, writes are refused; the bureau also sees why.
      databaseMode: readonly ? { readonly: true, reason: user && isBureauStaff(user) ? readonly.reason : null } : null,
      user: user && {
        name: user.name,
        role: user.role,
        orgId: user.membershipStatus === "active" ? user.orgId : null,
        isBureau: isBureauStaff(user),
        unread,
        todo,
      },
    },
    { headers },
  );
}

export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}

/** Public sections, the same for everyone. */
function MainNav() {
  const user = useRootData()?.user;
  return (
    <nav className="nav" aria-label="主导航">
      <NavLink to="/" end>首页</NavLink>
      <NavLink to="/challenges" end>揭榜挂帅</NavLink>
      <NavLink to="/awards">中选公示</NavLink>
      <NavLink to="/results" end>科技成果</NavLink>
      <NavLink to="/experts" end>专家</NavLink>
      <NavLink to="/events">对接会</NavLink>
      <NavLink to="/dashboard">数据看板</NavLink>
      <NavLink to="/search">搜索</NavLink>
      {user ? null : (
        <>
          <NavLink to="/login">登录</NavLink>
          <NavLink to="/register">注册</NavLink>
        </>
      )}
    </nav>
  );
}

/** The signed-in person's own workspace, adapted to the role. */
function UserBar() {
  const user = useRootData()?.user;
  if (!user) return null;
  const researcher = user.role === "researcher" || user.role === "expert";
  return (
    <div className="user-bar">
      <nav className="inner" aria-label="我的工作台">
        <NavLink to="/workbench" aria-label={user.todo ? `工作台，${user.todo} 项待办` : "工作台"}>
          工作台{user.todo ? <span className="count">{user.todo}</span> : null}
        </NavLink>
        {user.role === "enterprise" ? <NavLink to="/my/challenges">我的榜单</NavLink> : null}
        {researcher ? <NavLink to="/my/results">我的成果</NavLink> : null}
        {user.role !== "bureau" ? <NavLink to="/my/bids">我的揭榜</NavLink> : null}
        {researcher ? <NavLink to="/me/profile">专家画像</NavLink> : null}
        {user.isBureau ? <NavLink to="/bureau/challenges">榜单审核</NavLink> : null}
        {user.isBureau ? <NavLink to="/bureau/orgs">机构认证</NavLink> : null}
        {user.isBureau ? <NavLink to="/bureau/experts">专家库审核</NavLink> : null}
        {user.isBureau ? <NavLink to="/bureau/objections">异议处理</NavLink> : null}
        {user.isBureau ? <NavLink to="/bureau/matches">候选对接</NavLink> : null}
        {user.isBureau ? <NavLink to="/bureau/contracts">技术合同</NavLink> : null}
        <NavLink to="/inbox" aria-label={user.unread ? `消息，${user.unread} 条未读` : "消息"}>
          消息{user.unread ? <span className="count">{user.unread}</span> : null}
        </NavLink>
        <span className="spacer" />
        <NavLink to="/me" end>
          {user.name} · {roleLabels[user.role]}
        </NavLink>
        <PostForm action="/logout" reloadDocument>
          <button type="submit">退出</button>
        </PostForm>
      </nav>
    </div>
  );
}

function ReadonlyBanner() {
  const mode = useRootData()?.databaseMode;
  if (!mode) return null;
  return (
    <p className="alert warn" role="status">
      系统维护中，当前为只读模式：可以浏览，暂时不能提交或修改内容。{mode.reason ? `（${mode.reason}）` : null}
    </p>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang="zh-CN">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {/* One description for every page (search engines and link previews; Lighthouse SEO asks for it). */}
        <meta name="description" content="广元市利州区技术转移对接平台：企业发布技术难题榜单，高校院所发布科技成果并揭榜，平台双向匹配，区科技局组织对接会、登记技术合同。" />
        <Meta />
        <Links />
        <SiteStylesheet nonce={nonce} />
      </head>
      <body>
        <a className="skip-link" href="#main">跳到正文</a>
        <header className="site-header">
          <div className="inner">
            <Link to="/" className="brand">
              利州技术转移对接平台
              <small>广元市利州区科学技术局</small>
            </Link>
            <MainNav />
          </div>
        </header>
        <UserBar />
        <main id="main">
          <ReadonlyBanner />
          <PageNotice />
          {children}
        </main>
        <footer className="site-footer">
          <div className="inner">
            企业出题、政府立题、协同破题 · 依据《广元市利州区“十四五”科技创新和知识产权规划》建设 ·
            标有“演示数据”的机构与账号仅供体验
          </div>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
