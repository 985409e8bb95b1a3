/**
 * The Chinese e-mail templates for notices: plain text and HTML from the same parts. A mail says
 * only what the notice says (title, body, link): the notice is already written for what its
 * recipient may read on the site, so nothing confidential can reach a mail by another road.
 */
export const SITE_NAME = "利州技术转移对接平台";

export interface MailNotice {
  title: string;
  body?: string | null;
  link?: string | null;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

interface Footer {
  origin: string;
  /** The one-click unsubscribe page for this mail's category. */
  unsubscribeUrl: string;
  /** What unsubscribing stops, e.g. “对接会” or “每日摘要”. */
  what: string;
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** Notices link to paths on this site; a mail needs the absolute address (anything else: the inbox). */
export function absolute(origin: string, link: string | null | undefined): string {
  const path = link && /^\/(?![/\\])/.test(link) ? link : "/inbox";
  return new URL(path, origin).href;
}

const paragraph = (s: string) => `<p style="margin:0 0 12px">${escapeHtml(s).replace(/\r?\n/g, "<br>")}</p>`;

function footerText(f: Footer): string {
  return [
    "——",
    `本邮件由${SITE_NAME}自动发送，请勿直接回复。`,
    `邮件设置：${f.origin}/me/notifications`,
    `不再接收“${f.what}”邮件：${f.unsubscribeUrl}`,
  ].join("\n");
}

function footerHtml(f: Footer): string {
  return (
    `<hr style="border:none;border-top:1px solid #ddd;margin:24px 0 12px">` +
    `<p style="margin:0;color:#666;font-size:13px">本邮件由${SITE_NAME}自动发送，请勿直接回复。` +
    `<a href="${escapeHtml(f.origin)}/me/notifications">邮件设置</a> · ` +
    `<a href="${escapeHtml(f.unsubscribeUrl)}">不再接收“${escapeHtml(f.what)}”邮件</a></p>`
  );
}

function page(inner: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"></head><body style="font-family:'PingFang SC','Noto Sans CJK SC','Microsoft YaHei',sans-serif;font-size:16px;line-height:1.7;color:#222">${inner}</body></html>`;
}

/** One notice, mailed at once. */
export function noticeMail(n: MailNotice, f: Footer): RenderedMail {
  const url = absolute(f.origin, n.link);
  const text = [n.title, n.body ?? "", `查看详情：${url}`, "", footerText(f)].filter((line, i) => i !== 1 || line).join("\n\n");
  const html = page(
    `<p style="margin:0 0 8px;color:#666">${SITE_NAME}</p>` +
      `<h1 style="font-size:18px;margin:0 0 12px">${escapeHtml(n.title)}</h1>` +
      (n.body ? paragraph(n.body) : "") +
      `<p style="margin:16px 0"><a href="${escapeHtml(url)}">查看详情</a></p>` +
      footerHtml(f),
  );
  return { subject: `【${SITE_NAME}】${n.title}`, text, html };
}

/** The day's notices gathered into one mail; `dayLabel` such as “12月1日”. */
export function digestMail(dayLabel: string, notices: readonly MailNotice[], f: Footer): RenderedMail {
  const items = notices.map((n) => ({ ...n, url: absolute(f.origin, n.link) }));
  const text = [
    `${dayLabel}您在${SITE_NAME}有 ${items.length} 条消息：`,
    ...items.map((n, i) => `${i + 1}. ${n.title}${n.body ? `\n   ${n.body}` : ""}\n   ${n.url}`),
    footerText(f),
  ].join("\n\n");
  const html = page(
    `<h1 style="font-size:18px;margin:0 0 12px">${escapeHtml(dayLabel)}消息摘要（${items.length} 条）</h1><ol style="padding-left:20px">` +
      items.map((n) => `<li style="margin-bottom:12px"><a href="${escapeHtml(n.url)}">${escapeHtml(n.title)}</a>${n.body ? `<br><span style="color:#555">${escapeHtml(n.body)}</span>` : ""}</li>`).join("") +
      `</ol>` +
      footerHtml(f),
  );
  return { subject: `【${SITE_NAME}】${dayLabel}消息摘要（${items.length} 条）`, text, html };
}
