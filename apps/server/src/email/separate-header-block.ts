/** A header field's start (name, optional blanks, colon) or a folded continuation, as Python's email parser reads them. */
const headerLine = /^(?:[\x21-\x39\x3b-\x7e]+[ \t]*:|[ \t])/;
/** Field names are short; a longer line is judged by its start alone. */
const judgedChars = 1000;

/**
 * A message whose header block runs straight into the body (no blank line) showed no body at all:
 * mailparser takes every line up to a blank one as headers. As robust parsers do, the first line that
 * is neither a header field nor a continuation starts the body: a blank line is put before it. The
 * stored raw source stays as it came; a well-formed message is returned as it is.
 */
export function separateHeaderBlock(raw: Buffer): Buffer {
  for (let start = 0; start < raw.length; ) {
    const newline = raw.indexOf(0x0a, start);
    const end = newline < 0 ? raw.length : newline;
    const line = raw
      .subarray(start, Math.min(end, start + judgedChars))
      .toString('latin1')
      .replace(/\r$/, '');
    if (line === '') return raw;
    // The first line is left alone (an mbox "From " line, garbage): only a header block gets a body.
    if (!headerLine.test(line)) {
      if (start === 0) return raw;
      const crlf = start >= 2 && raw[start - 2] === 0x0d;
      return Buffer.concat([raw.subarray(0, start), Buffer.from(crlf ? '\r\n' : '\n'), raw.subarray(start)]);
    }
    if (newline < 0) return raw;
    start = newline + 1;
  }
  return raw;
}
