import { describe, expect, it } from "vitest";
import { formObject } from "../../app/schemas/parse";

describe("formObject: the one encoding of repeated rows in a form", () => {
  it("turns name[i].part into rows in index order and leaves flat names alone", () => {
    expect(formObject({ intent: "select", "reasons[1].code": "other", "reasons[0].bidId": "7", "reasons[1].bidId": "8", tags: ["a", "b"] })).toEqual({
      intent: "select",
      reasons: [{ bidId: "7" }, { bidId: "8", code: "other" }],
      tags: ["a", "b"],
    });
  });

  it("treats names that only look like paths as plain fields, and gives no prototype to a crafted name", () => {
    const out = formObject({ "a[x].b": "1", "__proto__[0].polluted": "yes", "x.": "2" });
    expect(Object.keys(out).sort()).toEqual(["__proto__", "a[x].b", "x."].sort());
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("formObject: a name that is both a value and a row", () => {
  it("answers a forged form (patents=x beside patents[0].number) with rows, not a crash", () => {
    // Strict-mode modules throw when a property is set on a string: this was a 500.
    expect(formObject({ patents: "x", "patents[0].number": "ZL1" })).toEqual({ patents: [{ number: "ZL1" }] });
    expect(formObject({ "patents[0]": "x", "patents[0].number": "ZL1" })).toEqual({ patents: [{ number: "ZL1" }] });
  });
});
