import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/conformance/**/*.test.ts', 'test/property/**/*.test.ts', 'test/lifecycle/**/*.test.ts', 'test/paths/**/*.test.ts', 'test/site/**/*.test.ts', 'test/package/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
