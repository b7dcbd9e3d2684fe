/** Files above this size are refused before a byte is read (memory stays bounded). */
export const maxImportFileBytes = 300 * 1024 * 1024;

/** An .xlsx whose parts unpack to more than this is treated as a zip bomb. */
export const maxUnpackedXlsxBytes = 2 * 1024 * 1024 * 1024;

/** …or whose parts unpack more than this many times their packed size. */
export const maxXlsxCompressionRatio = 200;

export function formatMegabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toLocaleString('da-DK', { maximumFractionDigits: 1 })} MB`;
}
