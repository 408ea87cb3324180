/**
 * What the host offers beyond the language: the decode path also runs in
 * browsers (src/browser), where there is no `process`, no `Buffer` and no
 * `require`, so it asks for Node's modules at run time instead of importing
 * them. A bundler then sees no Node built-in on that path.
 */

/** A Node built-in module (process.getBuiltinModule, Node >= 20.16), or undefined elsewhere. */
export function nodeBuiltin<T>(id: string): T | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  return typeof proc?.getBuiltinModule === 'function' ? (proc.getBuiltinModule(id) as T | undefined) : undefined;
}
