import type { en, enNamespaces } from './locales/en';
import type { Namespace } from './namespaces';

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export type Messages = Widen<typeof en>;

export type NamespaceMessages<N extends Namespace> = Widen<(typeof enNamespaces)[N]>;

type PathsOf<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : PathsOf<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

export type MessageKey = PathsOf<Messages>;
