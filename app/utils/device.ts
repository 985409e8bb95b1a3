/** "Chrome · Windows" from a User-Agent string, for the session list; good enough to recognise a device. */
export function describeDevice(userAgent: string | null): string {
  if (!userAgent) return "未知设备";
  const ua = userAgent;
  const browser = /MicroMessenger/.test(ua)
    ? "微信"
    : /Edg\//.test(ua)
      ? "Edge"
      : /Firefox\//.test(ua)
        ? "Firefox"
        : /Chrome\/|Chromium\//.test(ua)
          ? "Chrome"
          : /Safari\//.test(ua)
            ? "Safari"
            : "浏览器";
  const os = /Android/.test(ua)
    ? "Android"
    : /iPhone|iPad|iPod/.test(ua)
      ? "iOS"
      : /Windows/.test(ua)
        ? "Windows"
        : /Mac OS X|Macintosh/.test(ua)
          ? "macOS"
          : /Linux/.test(ua)
            ? "Linux"
            : "其他系统";
  return `${browser} · ${os}`;
}
