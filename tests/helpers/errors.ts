// The AppError a call throws, for asserting its status, field and message; fails the test if it throws none.
import { AppError } from '@/lib/errors';

export function caught(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}
