import { DataError } from '../src/errors.js';

/** The DataError a promise rejects with; anything else (or no rejection) fails the test. */
export async function dataError(promise: Promise<unknown>): Promise<DataError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DataError) return error;
    throw error;
  }
  throw new Error('expected a data error');
}
