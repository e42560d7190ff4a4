import { Unzip, UnzipInflate, unzipSync } from 'fflate';
import { AppError } from '../platform/errors.js';

/** What a Word document may unpack to. A long manual is a few MB of XML; images count too. */
export const docxLimits = { entries: 1000, uncompressedBytes: 64 * 1024 * 1024 } as const;

// Bytes of the archive inflated per turn of the event loop: at deflate's best ratio (~1:1000) one turn
// writes at most ~4 MB, a few milliseconds, before other requests get their turn.
const sliceBytes = 4096;

const tooLarge = () =>
  new AppError(
    'PAYLOAD_TOO_LARGE',
    'This .docx file unpacks to more than 64 MB or 1,000 parts; it cannot be imported.',
  );
const unreadable = () => new AppError('DOCUMENT_UNREADABLE', 'This .docx file could not be read.');

/**
 * Refuses a .docx (a zip) before anything inflates it whole: first by the sizes its central directory
 * declares (nothing inflated), then by inflating it in small slices, yielding between them and stopping
 * at the limit, so an archive that lies about its sizes is caught after at most the limit's bytes.
 */
export async function checkDocxArchive(bytes: Uint8Array): Promise<void> {
  const declared = new Map<string, number>();
  let declaredTotal = 0;
  try {
    unzipSync(bytes, {
      filter: (file) => {
        declared.set(file.name, file.originalSize);
        declaredTotal += file.originalSize;
        return false;
      },
    });
  } catch {
    throw unreadable();
  }
  if (declared.size > docxLimits.entries || declaredTotal > docxLimits.uncompressedBytes) throw tooLarge();
  await inflateWithin(bytes, declared);
}

async function inflateWithin(bytes: Uint8Array, declared: ReadonlyMap<string, number>): Promise<void> {
  let failure: AppError | undefined;
  let total = 0;
  let entries = 0;
  const unzip = new Unzip((file) => {
    entries++;
    const allowed = declared.get(file.name);
    if (allowed === undefined || entries > docxLimits.entries) {
      failure ??= allowed === undefined ? unreadable() : tooLarge();
      return;
    }
    let written = 0;
    file.ondata = (error, chunk) => {
      if (failure) return;
      if (error) {
        failure = unreadable();
        return;
      }
      written += chunk.length;
      total += chunk.length;
      // More than the directory declared is a lie told to get past the first check.
      if (written > allowed || total > docxLimits.uncompressedBytes) {
        failure = tooLarge();
        file.terminate();
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    for (let at = 0; at < bytes.length && !failure; at += sliceBytes) {
      unzip.push(bytes.subarray(at, at + sliceBytes), at + sliceBytes >= bytes.length);
      await new Promise((resolve) => setImmediate(resolve));
    }
  } catch {
    failure ??= unreadable();
  }
  if (failure) throw failure;
}
