import argon2 from 'argon2';

// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane.
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

let dummy: Promise<string> | undefined;
const dummyHash = () => (dummy ??= argon2.hash('no account has this password', OPTIONS));

export const hashPassword = (password: string) => argon2.hash(password, OPTIONS);

/**
 * Verifies against the stored hash, or against a dummy hash when there is none, so an
 * unknown login costs the same time as a wrong password and does not reveal the account.
 */
export async function verifyPassword(hash: string | undefined, password: string): Promise<boolean> {
  const ok = await argon2.verify(hash ?? (await dummyHash()), password).catch(() => false);
  return hash !== undefined && ok;
}

export async function preparePasswords(): Promise<void> {
  await dummyHash();
}
