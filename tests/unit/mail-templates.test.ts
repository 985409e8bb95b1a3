/** The notice mail templates: what the notice says, escaped in HTML, with absolute links only to this site. */
import { describe, expect, it } from "vitest";
import { absolute, digestMail, noticeMail } from "../../app/models/shared/mail-templates.server";

const footer = { origin: "https://techmatch.example.cn", unsubscribeUrl: "https://techmatch.example.cn/unsubscribe/1.events.x", what: "对接会" };

describe("notice mail templates", () => {
  it("escapes the notice in HTML and keeps it verbatim in the text", () => {
    const m = noticeMail({ title: `“<b>A&B</b>”约谈`, body: "原因：<script>alert(1)</script>\n第二行", link: "/events/3/requests" }, footer);
    expect(m.subject).toBe(`【利州技术转移对接平台】“<b>A&B</b>”约谈`);
    expect(m.html).toContain("“&lt;b&gt;A&amp;B&lt;/b&gt;”约谈");
    expect(m.html).toContain("原因：&lt;script&gt;alert(1)&lt;/script&gt;<br>第二行");
    expect(m.html).not.toContain("<script>");
    expect(m.text).toContain("原因：<script>alert(1)</script>\n第二行");
    expect(m.text).toContain("查看详情：https://techmatch.example.cn/events/3/requests");
    expect(m.text).toContain("不再接收“对接会”邮件：https://techmatch.example.cn/unsubscribe/1.events.x");
    expect(m.html).toContain('href="https://techmatch.example.cn/unsubscribe/1.events.x"');
  });

  it("links only to this site: anything but a site path goes to the inbox", () => {
    expect(absolute(footer.origin, "/challenges/5")).toBe("https://techmatch.example.cn/challenges/5");
    for (const link of ["//evil.example/x", "/\\evil.example", "https://evil.example/", null, ""]) expect(absolute(footer.origin, link)).toBe("https://techmatch.example.cn/inbox");
  });

  it("numbers the day's notices in a digest", () => {
    const m = digestMail("12月1日", [{ title: "甲", link: "/a" }, { title: "乙", body: "说明", link: "/b" }], { ...footer, what: "每日摘要" });
    expect(m.subject).toBe("【利州技术转移对接平台】12月1日消息摘要（2 条）");
    expect(m.text).toContain("1. 甲\n   https://techmatch.example.cn/a");
    expect(m.text).toContain("2. 乙\n   说明\n   https://techmatch.example.cn/b");
  });
});
