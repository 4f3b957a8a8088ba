// Reading a request body without trusting the sender about its size: a body over the limit is
// refused after at most `maxBytes` (plus one chunk) were read, whatever Content-Length claims
// (it can be absent, or lie, with chunked encoding).

export class BodyTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`The request body is over ${maxBytes} bytes`);
    this.name = "BodyTooLarge";
  }
}

/** The body as UTF-8 text; throws BodyTooLarge past `maxBytes`, having stopped reading. */
export async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > maxBytes) {
    await request.body?.cancel().catch(() => {});
    throw new BodyTooLarge(maxBytes);
  }
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new BodyTooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
