import { useState } from "react";

/**
 * A form's submission: `busy` while `run`'s action is under way (the submit button is disabled), and the error it
 * failed with, for ProblemAlert and FieldErrors; a new submission clears the last error.
 */
export function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}
