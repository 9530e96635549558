// A right-to-left name, or one with an unclosed override (U+202E), cannot reorder the rest of the sentence.
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}
