import { hash, verify } from "@node-rs/argon2";

// Algorithm.Argon2id is a const enum that isolated modules cannot import; 2 is its value.
const ARGON2ID = 2;

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID });
}

let dummyHash: Promise<string> | undefined;

/**
 * Verify a password; for an unknown account verify against a dummy hash anyway, so the response
 * time does not tell an attacker which accounts exist.
 */
export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (passwordHash == null) {
    dummyHash ??= hashPassword("not-a-real-password-0");
    await verify(await dummyHash, password);
    return false;
  }
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
