import { expect } from "vitest";
import { AppError } from "@/lib/errors";

/** Awaits `promise`, expects it to reject with an AppError of `code`, and answers the error. */
export async function expectAppError(promise: Promise<unknown>, code: string): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}
