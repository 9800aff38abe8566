// testTimeout is a global option that jest ignores inside `projects`: e2e suites (real models, Redis, processes)
// get two minutes per test from here, unit tests keep jest's 5 s.
jest.setTimeout(120_000);
