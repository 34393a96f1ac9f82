// Runs a benchmark's main() and ends the process with its outcome, or with a failure past its deadline: a bench
// run on a shared machine must stop by itself.
export function runBounded(main: () => Promise<void>, deadlineMs: number, what: string): void {
  const deadline = setTimeout(() => {
    console.error(`The ${what} did not finish within ${Math.round(deadlineMs / 1000)} s`);
    process.exit(1);
  }, deadlineMs);
  deadline.unref();
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
