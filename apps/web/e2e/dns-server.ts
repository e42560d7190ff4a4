import { createSocket } from 'node:dgram';

/**
 * Test support: a tiny authoritative DNS server on UDP that answers TXT questions from a table (SPF, DKIM
 * keys, DMARC policies of test domains), so the server's sender checks run against real DNS traffic without
 * the internet. Names it does not know do not exist (NXDOMAIN); other types of a known name have no records.
 * Port 0 takes a free one (`port` says which).
 */
export async function startDnsServer(port: number, records: Record<string, string[]>) {
  const socket = createSocket('udp4');
  socket.on('message', (query, from) => {
    // The question: length-prefixed labels ending in 0, then its type and class.
    const labels: string[] = [];
    let at = 12;
    while (at < query.length && query[at] !== 0) {
      labels.push(query.subarray(at + 1, at + 1 + query[at]!).toString('latin1'));
      at += 1 + query[at]!;
    }
    const questionEnd = at + 5;
    if (questionEnd > query.length) return;
    const name = labels.join('.').toLowerCase();
    const type = query.readUInt16BE(at + 1);
    const known = records[name];
    const answers = known && type === 16 ? known : [];
    const header = Buffer.alloc(12);
    query.copy(header, 0, 0, 2);
    // QR, AA, the query's RD, RA; NXDOMAIN for a name the table does not have.
    header.writeUInt16BE(0x8480 | (query.readUInt16BE(2) & 0x0100) | (known ? 0 : 3), 2);
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(answers.length, 6);
    const records_ = answers.map((text) => {
      const strings: Buffer[] = [];
      for (let i = 0; i < text.length; i += 255) {
        const part = Buffer.from(text.slice(i, i + 255), 'latin1');
        strings.push(Buffer.from([part.length]), part);
      }
      const data = Buffer.concat(strings);
      const fixed = Buffer.alloc(12);
      fixed.writeUInt16BE(0xc00c, 0); // the name: a pointer to the question's
      fixed.writeUInt16BE(16, 2); // TXT
      fixed.writeUInt16BE(1, 4); // IN
      fixed.writeUInt32BE(60, 6);
      fixed.writeUInt16BE(data.length, 10);
      return Buffer.concat([fixed, data]);
    });
    socket.send(Buffer.concat([header, query.subarray(12, questionEnd), ...records_]), from.port, from.address);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, '127.0.0.1', () => resolve());
  });
  return {
    port: socket.address().port,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
