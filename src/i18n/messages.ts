import type { en } from './locales/en';

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** The message tree every language provides: the keys of en.ts, any wording. */
export type Messages = Widen<typeof en>;

type PathsOf<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : PathsOf<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** Every message key, e.g. "signIn.title", for keys kept in data (schemas, tables). */
export type MessageKey = PathsOf<Messages>;
