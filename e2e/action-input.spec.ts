// Server actions' input over HTTP, as a hostile browser sends it (issue 13, item 2): text
// PostgreSQL cannot store, in any field, is the sender's `invalid_field` naming that field —
// never the generic failure of a 500 inside a transaction — and nothing is written.
import { expect, test } from "@playwright/test";
import { actionAnswer, buildActions, postAction } from "./authorization/http";
import { uniqueEmail } from "./fixtures";

const signUpId = () => buildActions().find((action) => action.key === "lib/actions/sign-up.ts#signUp")!.id;

const valid = () => ({
  workspaceName: "Nul Test",
  name: "Nora Nul",
  email: uniqueEmail("nul"),
  password: "a-long-enough-password",
  country: "US",
  locale: "en",
});

test("sign-up refuses a NUL or a lone surrogate in any field, naming it, and creates no account", async ({ request, baseURL }) => {
  for (const [field, value] of [
    ["workspaceName", "Acme\u0000"],
    ["name", "Nora \ud800"],
    ["timeZone", "America/New_York\u0000"],
    ["locale", "\udfff"],
  ] as const) {
    const input = { ...valid(), [field]: value };
    const response = await postAction(request, { page: "/signup", actionId: signUpId(), args: [input], headers: {}, baseURL: baseURL! });
    expect(response.status(), field).toBeLessThan(500);
    const answer = await actionAnswer(response);
    expect(answer, field).toMatchObject({ ok: false, code: "invalid_field" });
    expect(answer?.ok === false && answer.fieldErrors?.[field], field).toBe("Remove the invisible control characters from this field.");

    // No account: the address signs up fine afterwards, with valid input.
    const clean = await postAction(request, { page: "/signup", actionId: signUpId(), args: [{ ...input, [field]: valid()[field as keyof ReturnType<typeof valid>] ?? "America/New_York" }], headers: {}, baseURL: baseURL! });
    expect(await actionAnswer(clean), field).toMatchObject({ ok: true });
  }
});
