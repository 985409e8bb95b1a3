/**
 * The account mails (README Decision 44): Chinese, plain text and HTML, the site's name and an
 * absolute link. They carry the link and nothing else of the account (never a password).
 */
import { escapeHtml, SITE_NAME } from "../shared";

export type AccountMailKind = "account_verify" | "account_reset" | "account_unlock";

const wording: Record<AccountMailKind, { subject: string; intro: string; action: string; validity: string; ignore: string }> = {
  account_verify: {
    subject: "请验证您的邮箱",
    intro: `您用本邮箱注册了${SITE_NAME}的账号。请打开下面的链接验证邮箱，验证后才会收到平台的邮件通知。`,
    action: "验证邮箱",
    validity: "链接 24 小时内有效，只能使用一次。",
    ignore: "如果您没有注册，请忽略本邮件，该邮箱不会被验证。",
  },
  account_reset: {
    subject: "重置密码",
    intro: "有人请求重置您账号的密码。请打开下面的链接设置新密码；设置后，所有已登录的设备都会退出。",
    action: "设置新密码",
    validity: "链接 30 分钟内有效，只能使用一次。",
    ignore: "如果这不是您本人的请求，请忽略本邮件，您的密码不会改变。",
  },
  account_unlock: {
    subject: "解锁您的账号",
    intro: "您的账号因多次登录失败已被暂时锁定。如果是您本人在尝试登录，请打开下面的链接解除锁定。",
    action: "解除锁定",
    validity: "链接 30 分钟内有效，只能使用一次。",
    ignore: "如果不是您本人在登录，说明有人在尝试您的密码：请不要打开链接，并尽快修改密码。",
  },
};

export function accountMail(kind: AccountMailKind, { name, link, origin }: { name: string; link: string; origin: string }) {
  const w = wording[kind];
  const text = [`${name}，您好：`, "", w.intro, "", `${w.action}：${link}`, "", w.validity, w.ignore, "", `${SITE_NAME}`, origin, ""].join("\n");
  const html = [
    `<p>${escapeHtml(name)}，您好：</p>`,
    `<p>${escapeHtml(w.intro)}</p>`,
    `<p><a href="${escapeHtml(link)}">${escapeHtml(w.action)}</a></p>`,
    `<p>如果无法点击，请把这个地址复制到浏览器：<br>${escapeHtml(link)}</p>`,
    `<p>${escapeHtml(w.validity)}${escapeHtml(w.ignore)}</p>`,
    `<p>${SITE_NAME}<br><a href="${escapeHtml(origin)}">${escapeHtml(origin)}</a></p>`,
  ].join("\n");
  return { subject: `【${SITE_NAME}】${w.subject}`, text, html };
}
