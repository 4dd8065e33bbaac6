// Runs first in `npm test`: the browser tests need a Chromium binary, and finding out after the
// build and the unit tests wastes minutes. One line says what to do.
import { accessSync, constants } from 'node:fs';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
try {
  accessSync(path, constants.X_OK);
} catch {
  process.stderr.write(`npm test: no Chromium at ${path} for the browser tests; install it (Debian: sudo apt-get install chromium) or set CHROMIUM_PATH to a Chromium binary.\n`);
  process.exit(1);
}
