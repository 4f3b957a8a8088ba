// Another app process working the job queues, for the crash tests: it starts the workers as a
// server does (instrumentation.ts) and works until the test kills it.
import { startWorkers } from "@/lib/jobs/worker";

if (!(await startWorkers())) throw new Error("The workers did not start");
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
setInterval(() => {}, 60_000);
