/**
 * The bureau sees whether e-mail can leave: without SMTP_URL (as in tests) 榜单审核 says that mail
 * is not configured and how many mails wait; with mail configured it shows what waits or failed.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { loader } from "../../app/routes/bureau.challenges";
import { MailStatusNote } from "../../app/components/bureau/mail-status";
import { queueMail } from "../../app/models/shared/mail.server";
import { freshDb, userIdByEmail } from "../support/db";
import { body, call, get, signedIn } from "../support/http";

describe("mail status for the bureau", () => {
  it("says on 榜单审核 that mail is not configured and how many mails wait", async () => {
    const db = await freshDb({ demo: true });
    for (const to of ["a@example.test", "b@example.test"]) await queueMail(db, { to, kind: "challenge_published", subject: "榜单已发布", text: "请查看。" });
    const waiting = 2;
    const res = await call(loader, get("/bureau/challenges", await signedIn(await userIdByEmail(db, "bureau@demo.test"))));
    const { mail } = await body(res);
    expect(mail).toEqual({ configured: false, waiting, failed: 0 });
    const html = renderToStaticMarkup(<MailStatusNote {...mail} />);
    expect(html).toContain("邮件发送未配置：通知只在站内显示，邮件暂存待发");
    expect(html).toContain(`${waiting} 封`);
  });

  it("shows waiting and failed mail once mail is configured, and nothing when all is sent", () => {
    expect(renderToStaticMarkup(<MailStatusNote configured waiting={3} failed={1} />)).toContain("3 封待发送，1 封多次重试后发送失败");
    expect(renderToStaticMarkup(<MailStatusNote configured waiting={0} failed={0} />)).toBe("");
  });
});
