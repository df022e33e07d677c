// Bundles the browser client into ../wwwroot/dist: one ES module per page entry, plus vendor.css
// (Leaflet's stylesheet and its marker images). Type errors fail the build, so `dotnet build` fails too.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const outdir = join(here, '..', 'wwwroot', 'dist');
// Minified by default (the wall loads it over the hall's network); --dev keeps it readable.
const minify = !process.argv.includes('--dev');

const tsc = spawnSync(process.execPath, [join(here, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', here], {
  stdio: 'inherit',
});
if (tsc.status !== 0) {
  console.error('client: TypeScript type check failed (see errors above)');
  process.exit(1);
}

const pages = readdirSync(join(here, 'src', 'pages'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => join(here, 'src', 'pages', f));

// Overwrite in place, never delete: MSBuild listed dist/ before this ran, and a file that vanished
// mid-build fails the static-web-assets step ("No file exists for the asset").
mkdirSync(outdir, { recursive: true });
await build({
  entryPoints: [...pages, join(here, 'src', 'styles', 'vendor.css')],
  outdir,
  outbase: join(here, 'src'),
  entryNames: '[dir]/[name]',
  assetNames: 'assets/[name]-[hash]',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  target: ['es2022'],
  sourcemap: true,
  minify,
  legalComments: 'linked',
  loader: { '.png': 'file', '.svg': 'file' },
  logLevel: 'warning',
});

// MSBuild compares source timestamps with this stamp to skip the bundle step when nothing changed.
writeFileSync(join(outdir, '.stamp'), new Date().toISOString() + '\n');
console.log(`client: bundled ${pages.length} page(s) into ${outdir}`);
