import type { RequestHandler, Response } from 'express';
import type { Authenticator, User } from '../auth/user.js';

/** Verifies the bearer token and puts the user on `res.locals.user`; errors go to the one handler. */
export function authenticate(authenticator: Authenticator): RequestHandler {
  return async (req, res, next) => {
    res.locals.user = await authenticator.authenticate(req.headers.authorization);
    next();
  };
}

export function userOf(res: Response): User {
  const user = res.locals.user as User | undefined;
  if (!user) throw new Error('authenticate() must run before this route');
  return user;
}
