// Another app process that receives one Stripe webhook, for the crash tests: it reads the
// event's JSON on stdin, posts it, signed, to the webhook route's handler as Next.js would, and
// prints the answer's status as one JSON line. The test kills it at the moment it wants.
import { POST } from "@/app/api/webhooks/stripe/route";
import { DEFAULT_EMULATOR_WEBHOOK_SECRET, signatureHeader } from "@/tools/stripe-emulator";

const chunks: Buffer[] = [];
for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
const body = Buffer.concat(chunks).toString("utf8");
const headers = { "content-type": "application/json", "stripe-signature": signatureHeader(body, DEFAULT_EMULATOR_WEBHOOK_SECRET) };
const response = await POST(new Request("http://saldo.test/api/webhooks/stripe", { method: "POST", headers, body }));
process.stdout.write(`${JSON.stringify({ status: response.status })}\n`);
process.exit(0);
