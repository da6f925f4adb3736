/**
 * Bearer tokens of systems that push over HTTP instead of MQTT (`INDICATOR_PUSH_TOKENS`):
 * `name:token,name:token`. The name says who pushed (it is the dead-letter topic's prefix and what
 * the logs show); the token is never shown.
 */
import { z } from 'zod';

export interface PushToken {
  name: string;
  token: string;
}

const NAME = /^[a-z0-9][a-z0-9_-]{0,31}$/;
export const PUSH_TOKEN_MIN_LENGTH = 16;

export const pushTokensSchema = z.string().transform((raw, ctx): readonly PushToken[] => {
  const out: PushToken[] = [];
  for (const [i, part] of raw
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .entries()) {
    const at = part.indexOf(':');
    const name = at > 0 ? part.slice(0, at) : '';
    const token = at > 0 ? part.slice(at + 1) : '';
    if (!NAME.test(name))
      ctx.addIssue({
        code: 'custom',
        message: `entry ${i + 1}: expected name:token with a name of 1-32 lower-case letters, digits, _ -`,
      });
    else if (token.length < PUSH_TOKEN_MIN_LENGTH || /\s/.test(token))
      ctx.addIssue({
        code: 'custom',
        message: `entry ${i + 1} (${name}): the token must be at least ${PUSH_TOKEN_MIN_LENGTH} characters without spaces`,
      });
    else if (out.some((t) => t.name === name))
      ctx.addIssue({ code: 'custom', message: `entry ${i + 1}: the name ${name} is given twice` });
    else out.push({ name, token });
  }
  return out;
});
