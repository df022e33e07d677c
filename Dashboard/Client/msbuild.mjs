// Called by Client.targets during `dotnet build`. Two steps, each under a lock so that concurrent
// builds (two `dotnet test` runs, an IDE and a terminal) never run npm or esbuild over each other,
// and each rechecks staleness after taking the lock so the loser of the race does no work.
//   node msbuild.mjs install   npm ci when node_modules is missing or older than package-lock.json
//   node msbuild.mjs bundle    build.mjs when any client source is newer than wwwroot/dist/.stamp
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, utimesSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const lockDir = join(here, '.build-lock');
const installStamp = join(here, 'node_modules', '.package-lock.json');
const bundleStamp = join(here, '..', 'wwwroot', 'dist', '.stamp');
const staleLockMs = 10 * 60 * 1000;

const mtime = (path) => (existsSync(path) ? statSync(path).mtimeMs : -1);

function newestSource() {
  let newest = Math.max(...['package-lock.json', 'build.mjs', 'tsconfig.json'].map((f) => mtime(join(here, f))));
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(path);
      } else {
        newest = Math.max(newest, statSync(path).mtimeMs);
      }
    }
  };
  walk(join(here, 'src'));
  return Math.max(newest, mtime(installStamp));
}

async function withLock(action) {
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') {
        throw error;
      }
      // A build killed mid-step leaves its lock behind; after this long it is not coming back.
      if (Date.now() - mtime(lockDir) > staleLockMs) {
        rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    return action();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: here, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.error) {
    console.error(`client: could not start ${command}: ${result.error.message}`);
    return 1;
  }
  return result.status ?? 1;
}

const step = process.argv[2];
const code = await withLock(() => {
  if (step === 'install') {
    if (mtime(installStamp) >= mtime(join(here, 'package-lock.json'))) {
      return 0;
    }
    console.log('client: npm ci (node_modules missing or older than package-lock.json)');
    const status = run('npm', ['ci', '--no-audit', '--no-fund']);
    if (status === 0) {
      const now = new Date();
      utimesSync(installStamp, now, now);
    }
    return status;
  }
  if (step === 'bundle') {
    if (mtime(bundleStamp) >= newestSource()) {
      return 0;
    }
    return run(process.execPath, [join(here, 'build.mjs')]);
  }
  console.error(`client: unknown step "${step}" (expected install or bundle)`);
  return 2;
});
process.exit(code);
