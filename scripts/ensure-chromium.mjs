#!/usr/bin/env node
// Playwright cannot download its browser on this network, so we use Debian's package.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
  Boolean,
);
const found = candidates.find((path) => existsSync(path));
if (found) {
  console.log(`e2e browser: ${found}`);
  process.exit(0);
}
if (process.env.CHROMIUM_PATH) {
  console.error(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist.`);
  process.exit(1);
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
if (isRoot && hasApt) {
  console.log('Chromium not found: installing Debian chromium with apt-get (about 30 s)…');
  try {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  } catch {
    console.error('apt-get could not install chromium; see the message above.');
    process.exit(1);
  }
  if (existsSync('/usr/bin/chromium')) {
    console.log('e2e browser: /usr/bin/chromium');
    process.exit(0);
  }
}

console.error(`No Chromium for the e2e suite. Do one of:
  - as root on Debian/Ubuntu:  apt-get update && apt-get install -y chromium
  - or point CHROMIUM_PATH at a Chromium/Chrome binary:  CHROMIUM_PATH=/path/to/chrome npm test
  - or, where downloads work:  npx playwright install chromium  and set CHROMIUM_PATH to it`);
process.exit(1);
