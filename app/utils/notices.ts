/**
 * What a page says after a successful action sent the person back to it. The flash cookie carries
 * only one of these keys, never free text, so nothing another site or a stale cookie sets can
 * put words on our pages.
 */
export const notices = {
  saved: { tone: "ok", text: "已保存。" },
  bidSaved: { tone: "ok", text: "揭榜申请已保存。截止前可以继续修改或撤回。" },
  bidWithdrawn: { tone: "info", text: "揭榜申请已撤回。截止前可以重新提交。" },
  challengeDone: { tone: "ok", text: "操作已完成，办理记录已更新，相关单位会收到通知。" },
  draftSaved: { tone: "ok", text: "草稿已保存。检查无误后请提交区科技局审核。" },
  resultPublished: { tone: "ok", text: "成果已发布，企业现在可以在成果库中找到它。" },
  resultArchived: { tone: "info", text: "成果已下架。" },
  resultSaved: { tone: "ok", text: "成果已保存。" },
  interestSent: { tone: "ok", text: "已向成果团队发送合作意向，对方回复后会在“消息”中通知您。" },
  replySent: { tone: "ok", text: "回复已发送。" },
  passwordChanged: { tone: "ok", text: "密码已修改，其他设备已退出登录。" },
  passwordReset: { tone: "ok", text: "密码已重置，所有设备都已退出登录。请用新密码登录。" },
  verificationSent: { tone: "ok", text: "验证邮件已发送，请在 24 小时内打开邮件中的链接。" },
  expertApplied: { tone: "ok", text: "已提交专家库申请，区科技局审核后会通知您。" },
  meetingRequested: { tone: "ok", text: "约谈请求已发送，对方回复后会通知您。" },
  unavailableSaved: { tone: "ok", text: "不可参会时段已保存。" },
  eventRegistered: { tone: "ok", text: "报名已提交，区科技局确认后会通知您。" },
  ratingSaved: { tone: "ok", text: "评价已保存，谢谢。" },
  followUpSaved: { tone: "ok", text: "回访答复已保存，谢谢。" },
  settingsSaved: { tone: "ok", text: "统计口径已保存。区科技局的数据看板即时按新口径计算，公开页面在下次发布公开数据后更新。" },
  indicatorSaved: { tone: "ok", text: "指标数值已保存。" },
  snapshotPublished: { tone: "ok", text: "公开数据已发布，公开的数据看板现在显示本次发布的数字。" },
  contractSaved: { tone: "ok", text: "技术合同已保存。" },
  challengeFollowed: { tone: "ok", text: "已关注该榜单。揭榜截止时间变化时会通知您，关注的榜单列在“个人中心”。" },
  challengeUnfollowed: { tone: "info", text: "已取消关注该榜单。" },
  objectionLodged: { tone: "ok", text: "异议已提交区科技局。处理结果会通过“消息”通知贵单位，也可在本页查看。" },
  objectionDecided: { tone: "ok", text: "异议已处理，异议单位和相关单位会收到通知。" },
  awardSettingsSaved: { tone: "ok", text: "公示设置已保存，此后发布的中选公示按新的异议期计算。" },
  thesaurusSaved: { tone: "ok", text: "同义词表已保存，搜索即时按新的同义词查找。" },
  thesaurusPending: { tone: "info", text: "同义词表已保存，但搜索引擎暂时无法更新；恢复后请在本页再保存一次，或重建搜索索引。" },
  mailPreferencesSaved: { tone: "ok", text: "邮件接收设置已保存。" },
} as const satisfies Record<string, { tone: "ok" | "info"; text: string }>;

export type NoticeKey = keyof typeof notices;

export function isNoticeKey(key: unknown): key is NoticeKey {
  return typeof key === "string" && Object.hasOwn(notices, key);
}
