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

/** The code of the AppError `promise` rejects with, or null when it resolves; any other error is thrown. */
export async function codeOf(promise: Promise<unknown>): Promise<string | null> {
  try {
    await promise;
    return null;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}
