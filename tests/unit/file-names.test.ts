import { describe, expect, it } from "vitest";
import { ALLOWED, TypeSniffer } from "../../app/files/detect";
import { contentDisposition, displayName } from "../../app/files/names";
import { docx, plainZip } from "../support/files";

describe("displayName", () => {
  it("keeps a correct extension, replaces a wrong one and adds a missing one", () => {
    expect(displayName("报告.PDF", ALLOWED.pdf)).toBe("报告.pdf");
    expect(displayName("照片.jpeg", ALLOWED.jpeg)).toBe("照片.jpeg");
    expect(displayName("setup.exe", ALLOWED.pdf)).toBe("setup.pdf");
    expect(displayName("合同", ALLOWED.pdf)).toBe("合同.pdf");
    expect(displayName(".pdf", ALLOWED.pdf)).toBe("附件.pdf");
  });

  it("never cuts an emoji in half when shortening", () => {
    const name = displayName(`${"🚀".repeat(150)}.png`, ALLOWED.png);
    expect(Array.from(name)).toHaveLength(100);
    expect(name).toMatch(/^(🚀)+\.png$/u);
  });
});

describe("contentDisposition", () => {
  it("gives old clients a safe ASCII name and everyone else the UTF-8 one", () => {
    expect(contentDisposition("attachment", "需求说明.pdf")).toBe(
      "attachment; filename=\"attachment.pdf\"; filename*=UTF-8''%E9%9C%80%E6%B1%82%E8%AF%B4%E6%98%8E.pdf",
    );
    expect(contentDisposition("inline", 'a"b%c\\d (1).png')).toBe("inline; filename=\"a_b_c_d (1).png\"; filename*=UTF-8''a%22b%25c%5Cd%20%281%29.png");
  });
});

describe("TypeSniffer", () => {
  it("reads the central directory across chunk boundaries, one byte at a time", () => {
    for (const [bytes, expected] of [[docx(), "docx"], [plainZip(), null]] as const) {
      const s = new TypeSniffer();
      for (const b of bytes) s.feed(Uint8Array.of(b));
      const d = s.detect();
      expect(d.ok ? d.type.ext : null).toBe(expected);
    }
  });
});
