import "server-only";

// next-auth answers 500 to two requests only a client's mistake makes (issue 13, found by the
// hostile-input slice against the production server): a POST whose Content-Type says JSON but
// whose body is not JSON (next-auth parses it unguarded), and a GET to the credentials
// provider's callback, which only the sign-in form's POST reaches. Both get their 4xx here,
// in the API's error shape, before next-auth sees them.

/** The refusal for a request next-auth cannot read, or null to let next-auth answer it. */
export async function refuseWhatNextAuthCannotRead(request: Request, route: string[] | undefined): Promise<Response | null> {
  const [action, provider] = route ?? [];
  if (request.method !== "POST" && action === "callback" && provider === "credentials") {
    return Response.json(
      { error: { code: "method_not_allowed", message: "Sign in with the form: it POSTs here." } },
      { status: 405, headers: { Allow: "POST" } },
    );
  }
  if (request.method === "POST" && request.headers.get("content-type")?.includes("application/json")) {
    try {
      JSON.parse(await request.clone().text());
    } catch {
      return Response.json({ error: { code: "invalid_json", message: "The request body is not valid JSON." } }, { status: 400 });
    }
  }
  return null;
}
