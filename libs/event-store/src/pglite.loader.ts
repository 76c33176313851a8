// Loads PGlite through Node's module loader itself rather than a static import.
//
// Why: PGlite's CommonJS build still calls `await import('fs/promises')`, `import('node:module')`,
// `import('zlib')` … while starting. Jest runs the code it loads inside a VM context where, unless
// Node was started with --experimental-vm-modules, every such import() throws "A dynamic import
// callback was invoked without --experimental-vm-modules" — so no PGlite test could run under the
// repo's plain `jest`. Jest hands out its own loader even from createRequire, but require() on a
// node:module Module instance is still Node's, and loads PGlite outside the VM where import()
// works. Under plain Node (service, scripts) this is exactly an ordinary require of the same file.
// Loading lazily also means the memory store never pays for PGlite.
import { Module, createRequire } from 'node:module';
import type * as Pglite from '@electric-sql/pglite';

let loaded: typeof Pglite | undefined;

export function loadPglite(): typeof Pglite {
  if (!loaded) {
    // Resolving is the same under every loader: the absolute path of PGlite's CommonJS entry.
    const entry = createRequire(__filename).resolve('@electric-sql/pglite');
    loaded = new Module(entry).require(entry) as typeof Pglite;
  }
  return loaded;
}
