import { describe, expect, it } from "vitest";
import { parseQuery } from "../../app/schemas/parse";
import { agendaQuerySchema, dashboardQuerySchema, exportQuerySchema, meetingRequestQuerySchema, pageQuerySchema, profileQuerySchema, tokenQuerySchema } from "../../app/schemas/query";

const at = (query: string) => new URL(`http://localhost/x?${query}`);

describe("query parameters are parsed by zod; a value that does not fit reads as absent", () => {
  it("reads ids, years and pages as numbers and refuses the rest", () => {
    expect(parseQuery(agendaQuerySchema, at("participant=12"))).toEqual({ participant: 12 });
    expect(parseQuery(agendaQuerySchema, at("participant=12abc")).participant).toBeUndefined();
    expect(parseQuery(meetingRequestQuerySchema, at("to=-3")).to).toBeUndefined();
    expect(parseQuery(dashboardQuerySchema, at("year=2025"))).toEqual({ year: 2025 });
    expect(parseQuery(dashboardQuerySchema, at("year=2025.5")).year).toBeUndefined();
    expect(parseQuery(pageQuerySchema, at("page=3")).page).toBe(3);
    expect(parseQuery(pageQuerySchema, at("page=0")).page).toBe(1);
    expect(parseQuery(pageQuerySchema, at("page=x")).page).toBe(1);
  });

  it("reads choices, flags and tokens", () => {
    expect(parseQuery(exportQuerySchema, at("format=csv")).format).toBe("csv");
    expect(parseQuery(exportQuerySchema, at("format=pdf")).format).toBe("xlsx");
    expect(parseQuery(profileQuerySchema, at("field=08&experts=1"))).toEqual({ field: "08", experts: true });
    expect(parseQuery(profileQuerySchema, at("field=8"))).toEqual({ field: undefined, experts: false });
    expect(parseQuery(tokenQuerySchema, at("")).token).toBeUndefined();
    expect(parseQuery(tokenQuerySchema, at("token=abc")).token).toBe("abc");
  });
});
