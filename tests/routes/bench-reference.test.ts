/** The benchmark's yardstick page (app/routes/bench.reference.tsx) is the ordinary 404 outside the benchmark. */
import { expect, it } from "vitest";
import { loader } from "../../app/routes/bench.reference";

it("answers 404 unless the server was started with BENCH_REFERENCE_PAGE=1", async () => {
  expect(process.env.BENCH_REFERENCE_PAGE).toBeUndefined();
  const answer = await loader().then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(answer).toBeInstanceOf(Response);
  expect((answer as Response).status).toBe(404);
});
