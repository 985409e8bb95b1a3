/** Whether e-mail can leave and what waits or failed in the outbox (mailStatus), for the bureau. */
export function MailStatusNote({ configured, waiting, failed }: { configured: boolean; waiting: number; failed: number }) {
  if (!configured) {
    return (
      <p className="alert warn" data-testid="mail-status">
        邮件发送未配置：通知只在站内显示，邮件暂存待发（{waiting} 封）。请由运维设置 SMTP_URL。
      </p>
    );
  }
  if (waiting === 0 && failed === 0) return null;
  return (
    <p className={`alert ${failed > 0 ? "warn" : "info"}`} data-testid="mail-status">
      邮件：{waiting} 封待发送{failed > 0 ? `，${failed} 封多次重试后发送失败（请检查邮件服务器与收件地址）` : ""}。
    </p>
  );
}
