/**
 * Text from the API (a user's or a store's name) put into a translated sentence, isolated
 * between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE: a right-to-left name, or one
 * holding an unclosed override (U+202E), cannot reorder the rest of the sentence. Where a
 * name stands alone in an element, `<bdi>` (or `dir="auto"`) does the same.
 */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}
