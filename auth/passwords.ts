/**
 * Password hashing: argon2id through @node-rs/argon2 (Rust, shipped as prebuilt binaries in the
 * npm package — nothing compiled on install), with its defaults (19 MiB, 2 passes: the OWASP
 * minimum for argon2id). Only PHC strings are stored; the parameters travel inside them, so
 * raising them later re-hashes nothing already stored.
 */
import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

export const hashPassword = (password: string): Promise<string> => hash(password);

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false; // a malformed stored hash is a refusal, not a crash
  }
}

/**
 * Spent on a sign-in for an unknown name, so answering takes as long as for a known one (no
 * telling which names exist by timing).
 */
let dummy: Promise<string> | null = null;
export async function burnVerify(password: string): Promise<void> {
  dummy ??= hash(randomBytes(16).toString('hex'));
  await verifyPassword(await dummy, password);
}

/** A password for the first admin when none is given: 20 characters of base64url (120 bits). */
export const generatePassword = (): string => randomBytes(15).toString('base64url');
