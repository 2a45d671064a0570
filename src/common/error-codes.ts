/**
 * The one registry of error codes that may leave the server (extensions.code). Each module declares
 * its codes as an enum in `<module>.errors.ts`, which registers them here when loaded (and with
 * GraphQL, so the enum is in schema.gql for the web app), and adds its enum to {@link ErrorCodes}
 * by declaration merging — so `domainError`/`AppError` accept exactly the registered enums, and
 * `common` never imports a module.
 */

/**
 * Augmented by each `<module>.errors.ts`:
 * `declare module '../common/error-codes.js' { interface ErrorCodes { admission: AdmissionErrorCode } }`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ErrorCodes {}

/** Every registered code, as a type: the union of the module enums. */
export type ErrorCodeValue = ErrorCodes[keyof ErrorCodes];

const owners = new Map<string, string>();
const enums = new Map<string, object>();

/** Registers an enum of codes under its owner (module); a code owned by another module is a bug, thrown at load. */
export function registerErrorCodes(owner: string, codes: Record<string, string>): void {
  for (const code of Object.values(codes)) {
    const had = owners.get(code);
    if (had && had !== owner) throw new Error(`error code ${code} registered by both ${had} and ${owner}`);
    owners.set(code, owner);
  }
  enums.set(owner, codes);
}

export const isRegisteredCode = (code: unknown): boolean => typeof code === 'string' && owners.has(code);

/** code → owning module, in registration order. */
export const registeredCodes = (): ReadonlyMap<string, string> => new Map(owners);

/** The registered enum objects (for the schema build's orphanedTypes). */
export const registeredErrorEnums = (): object[] => [...enums.values()];
