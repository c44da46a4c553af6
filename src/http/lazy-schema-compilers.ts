/**
 * Fastify's own schema compilers (Ajv for validation, fast-json-stringify for replies), deferred to
 * the first request of each route. Fastify compiles every route's schemas before it listens: for
 * Etablera's few hundred routes that was ≈ 0.4 s of CPU at every start, most of it for routes a given
 * server never answers. The compiled functions are the same; only when they are made changes.
 * `compileAllSchemas` compiles what is left at once, so a test can check that every schema compiles.
 */
import { createRequire } from 'node:module';
import type { ValidatorFactory } from '@fastify/ajv-compiler';
import type { SerializerFactory } from '@fastify/fast-json-stringify-compiler';
import type { FastifyInstance } from 'fastify';

// Required at the first compilation: Ajv alone is ≈ 90 modules.
const require = createRequire(import.meta.url);

type Validate = ReturnType<ReturnType<ValidatorFactory>>;

const pending = new WeakMap<FastifyInstance, Set<() => void>>();

export function lazySchemaCompilers(): {
  compilersFactory: { buildValidator: ValidatorFactory; buildSerializer: SerializerFactory };
  /** Call once the instance exists, so compileAllSchemas can find what it deferred. */
  attach(app: FastifyInstance): void;
} {
  let buildValidator: ValidatorFactory | undefined;
  let buildSerializer: SerializerFactory | undefined;
  const waiting = new Set<() => void>();

  // The compilers themselves (an Ajv instance with the shared schemas added) are made late too.
  const lazyValidator: ValidatorFactory = (externalSchemas, options) => {
    let compile: ReturnType<ValidatorFactory> | undefined;
    return (def) => {
      let validate: Validate | undefined;
      const ready = (): Validate => {
        if (!validate) {
          buildValidator ??= (require('@fastify/ajv-compiler') as () => ValidatorFactory)();
          compile ??= buildValidator(externalSchemas, options);
          validate = compile(def);
          waiting.delete(ready);
        }
        return validate;
      };
      waiting.add(ready);
      const wrapper = ((data: unknown, context?: unknown) => {
        const fn = ready() as (data: unknown, context?: unknown) => unknown;
        const result = fn(data, context);
        wrapper.errors = ready().errors;
        return result;
      }) as unknown as Validate;
      // Fastify hands the parent object on (so Ajv may coerce or default a root value) only to
      // functions that look like Ajv's; the wrapper passes it to the compiled one.
      (wrapper as { schemaEnv: unknown }).schemaEnv = true;
      return wrapper;
    };
  };

  const lazySerializer: SerializerFactory = (externalSchemas, options) => {
    let compile: ReturnType<SerializerFactory> | undefined;
    return (def) => {
      let serialize: ((data: unknown) => string) | undefined;
      const ready = () => {
        if (!serialize) {
          buildSerializer ??= (require('@fastify/fast-json-stringify-compiler') as () => SerializerFactory)();
          compile ??= buildSerializer(externalSchemas, options);
          serialize = compile(def);
          waiting.delete(ready);
        }
        return serialize;
      };
      waiting.add(ready);
      return (data: unknown) => ready()(data);
    };
  };

  return {
    compilersFactory: { buildValidator: lazyValidator, buildSerializer: lazySerializer },
    attach: (app) => {
      pending.set(app, waiting);
    },
  };
}

/** Compiles every schema still waiting for its first request; throws on the first that fails. */
export function compileAllSchemas(app: FastifyInstance): number {
  const waiting = pending.get(app);
  if (!waiting) return 0;
  let compiled = 0;
  for (const ready of [...waiting]) {
    ready();
    compiled++;
  }
  return compiled;
}
