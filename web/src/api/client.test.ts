import { describe, expect, it } from "vitest";
import { errorMessage, queryString } from "./client";

describe("errorMessage", () => {
  it("uses the error body's message", () => {
    expect(errorMessage(404, "Not Found", '{"message":"no asset named \'x\'","status":404,"error":"not_found"}')).toBe("404 Not Found: no asset named 'x'");
  });
  it("shows the start of a body that is not an error body", () => {
    expect(errorMessage(502, "Bad Gateway", "<html>proxy down</html>")).toBe("502 Bad Gateway: <html>proxy down</html>");
    expect(errorMessage(500, "", "")).toBe("500");
    expect(errorMessage(500, "", "x".repeat(400))).toHaveLength(5 + 300 + 1);
  });
});

describe("queryString", () => {
  it("skips empty values and encodes the rest", () => {
    expect(queryString({ job: "a b/c", limit: 20, page: undefined, q: "" })).toBe("?job=a+b%2Fc&limit=20");
    expect(queryString({})).toBe("");
  });
});
