// One HTTP exchange over node:http, as the platform's senders make them: kept-alive connections
// that a killed server resets, a deadline per request, the raw answer bytes kept for comparison.
import http, { type IncomingHttpHeaders } from "node:http";

export type HttpAnswer = { status: number; headers: IncomingHttpHeaders; body: Buffer };

export const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

export function httpRequest(
  url: string,
  options: { method: string; headers?: Record<string, string>; body?: string; timeoutMs?: number },
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const body = options.body === undefined ? undefined : Buffer.from(options.body, "utf8");
    const request = http.request(
      url,
      {
        method: options.method,
        agent,
        headers: { ...options.headers, ...(body ? { "content-length": String(body.length) } : {}) },
        timeout: options.timeoutMs ?? 15_000,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }));
        response.on("error", reject);
        response.on("aborted", () => reject(new Error("response aborted")));
      },
    );
    request.on("timeout", () => request.destroy(new Error("timeout")));
    request.on("error", reject);
    request.end(body);
  });
}

/** Why an exchange brought no answer, for the log: ECONNREFUSED, ECONNRESET, timeout… */
export function failureName(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code ?? (error as Error).message;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
