import type { en, enNamespaces } from './locales/en';
import type { Namespace } from './namespaces';

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** The message tree every language provides: the keys of the English catalog, any wording. */
export type Messages = Widen<typeof en>;

/** One namespace's part of that tree (a file under locales/<language>/). */
export type NamespaceMessages<N extends Namespace> = Widen<(typeof enNamespaces)[N]>;

type PathsOf<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : PathsOf<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** Every message key, e.g. "signIn.title", for keys kept in data (schemas, tables). */
export type MessageKey = PathsOf<Messages>;
