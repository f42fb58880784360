import { createSecretKey } from 'node:crypto';
import jwt from 'jsonwebtoken';

/**
 * Access tokens for synthetic users, exactly as GroupChat signs them (HS256, issuer and audience
 * groupchat, subject = user id, username claim). The secret goes in as a KeyObject: given a string,
 * jsonwebtoken first tries to parse it as a PEM key, which costs about a millisecond per token
 * and would take CPU from the system under test.
 */
export function tokenSigner(secret: string, ttlSeconds: number): (userId: string, username: string) => string {
  const key = createSecretKey(Buffer.from(secret));
  const cache = new Map<string, string>();
  return (userId, username) => {
    let t = cache.get(userId);
    if (!t)
      cache.set(
        userId,
        (t = jwt.sign({ username }, key, { algorithm: 'HS256', subject: userId, expiresIn: ttlSeconds, issuer: 'groupchat', audience: 'groupchat' })),
      );
    return t;
  };
}

/** Connection tokens for Centrifugo (HS256, subject = user id). */
export function centrifugoSigner(secret: string, ttlSeconds: number): (userId: string) => string {
  const key = createSecretKey(Buffer.from(secret));
  return (userId) => jwt.sign({ sub: userId }, key, { algorithm: 'HS256', expiresIn: ttlSeconds });
}
